import { memo, useEffect } from 'react';
import type { CatalogItem } from '../../core/catalog/schema';
import { useI18n } from '../i18n/i18n';
import { useItemInteractions, useInteractionLog } from '../hooks/useInteractionLog';
import { formatRoute } from '../lib/route';
import { formatPrice } from '../lib/search';
import type { ItemColor, Recommendation } from '../services/recs-client';
import { ExplanationChip } from './ExplanationChip';
import { Icon } from './Icon';
import { ProductImage } from './ProductImage';

interface Props {
  item: CatalogItem;
  rec: Recommendation;
  colors?: readonly ItemColor[];
  /** Shows "not interested" (the feed) or not (e.g. photo results). */
  dismissible?: boolean;
}

/** The name of the performance mark set when the page's first recommendation card is committed. */
export const FIRST_REC_CARD_MARK = 'glimpse:first-rec-card';
let firstCardMarked = false;
// Time to first recommendation is a start-up target (npm run bench, startup suite reads this mark).
function markFirstCard(): void {
  if (firstCardMarked) return;
  firstCardMarked = true;
  performance.mark(FIRST_REC_CARD_MARK);
}

/** A recommended item: image, title, price, why, like and "not interested". */
export const RecCard = memo(function RecCard({ item, rec, colors, dismissible = true }: Props) {
  const { t, locale } = useI18n();
  const { record } = useInteractionLog();
  const state = useItemInteractions(item.id);
  const href = formatRoute({ name: 'item', id: item.id });
  useEffect(markFirstCard, []);
  return (
    <article className="card rec-card" data-testid="rec-card" data-item-id={item.id} data-color={colors?.[0]?.name ?? ''} data-score={rec.score.toFixed(5)} aria-label={item.title}>
      <a className="card-link" href={href} tabIndex={-1} aria-hidden="true">
        <ProductImage src={item.thumbnail ?? item.image} alt={item.title} size={200} className="card-image" />
      </a>
      <div className="card-body">
        <h3 className="card-title">
          <a href={href}>{item.title}</a>
        </h3>
        <p className="card-meta">
          <span className="price">{formatPrice(item.price, item.currency, locale)}</span>
          {colors && colors.length > 0 && (
            <span className="swatches" aria-hidden="true">
              {colors.slice(0, 3).map((c) => (
                <span key={c.name} className="swatch" style={{ background: c.hex }} />
              ))}
            </span>
          )}
        </p>
        <ExplanationChip explanations={rec.explanations} />
        <div className="interactions interactions--compact">
          <button type="button" aria-pressed={state.liked} onClick={() => !state.liked && void record('like', item)}>
            <Icon name="heart" filled={state.liked} /> <span className="label">{t('card.like')}</span>
          </button>
          {dismissible && (
            <button type="button" onClick={() => void record('not-interested', item)}>
              <Icon name="x" /> <span className="label">{t('card.notInterested')}</span>
            </button>
          )}
        </div>
      </div>
    </article>
  );
});
