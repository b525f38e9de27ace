import type { Catalog } from '../../core/catalog/schema';
import { useI18n } from '../i18n/i18n';

/** Says plainly when titles and prices are generated, and credits the photos. */
export function DemoNotice({ catalog }: { catalog: Catalog }) {
  const { t } = useI18n();
  if (!catalog.demo && !catalog.notice) return null;
  return (
    <aside className="demo-notice" aria-label={t('demo.about')}>
      {catalog.demo && <strong>{t('demo.data')} </strong>}
      {catalog.notice}
      {catalog.license && <span className="license"> {catalog.license}</span>}
    </aside>
  );
}
