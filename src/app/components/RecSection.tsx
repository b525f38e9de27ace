import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { useRecsQuery } from '../hooks/useRecsQuery';
import type { Recommendation, RecsClient } from '../services/recs-client';
import { RecGrid } from './RecGrid';

interface Props {
  id: string;
  title: string;
  queryKey: string;
  query: (client: RecsClient) => Promise<Recommendation[]>;
  note?: ReactNode;
}

/** One titled row of recommendations on the product page. */
export function RecSection({ id, title, queryKey, query, note }: Props) {
  const { t } = useI18n();
  const recs = useRecsQuery(queryKey, query);
  return (
    <section className="rec-section" aria-labelledby={id} data-testid={id}>
      <h2 id={id}>{title}</h2>
      {note && <p className="muted">{note}</p>}
      {recs.status === 'error' && <p role="alert">{recs.error.message}</p>}
      {recs.data && (recs.data.length ? <RecGrid recs={recs.data} label={title} /> : <p className="muted">{t('product.none')}</p>)}
    </section>
  );
}
