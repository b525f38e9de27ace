import { useI18n } from '../i18n/i18n';
import { useCatalogIndex } from '../hooks/useCatalogIndex';
import { explanationText } from '../lib/explain-text';
import type { Explanation } from '../services/recs-client';

/** The first reason as a chip; the kind is exposed for tests and styling. */
export function ExplanationChip({ explanations }: { explanations: readonly Explanation[] }) {
  const { t, colorName } = useI18n();
  const { byId } = useCatalogIndex();
  const first = explanations[0];
  if (!first) return null;
  const text = explanationText(first, t, (id) => byId.get(id)?.title ?? id, colorName);
  const kind = first.kind === 'attribute' ? `attribute-${first.attribute}` : first.kind;
  return (
    <p className={`why-chip why-chip--${first.kind}`} data-testid="why" data-kind={kind}>
      <span className="visually-hidden">{t('card.why')}: </span>
      {text}
    </p>
  );
}
