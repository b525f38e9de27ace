import type { CatalogItem } from '../../core/catalog/schema';
import { useInteractionLog, useItemInteractions } from '../hooks/useInteractionLog';
import { useAnnounce } from '../hooks/useAnnouncer';
import { Icon } from './Icon';
import { useI18n } from '../i18n/i18n';

interface Props {
  item: Pick<CatalogItem, 'id' | 'title' | 'inStock'>;
  /** Icon-only (labels stay in the accessible name). */
  compact?: boolean;
}

/**
 * The five signals the recommender learns from. Like, save and dismiss are one-way toggles
 * (aria-pressed, constant names): the event log is append-only, so there is no "unlike" event yet.
 */
export function InteractionButtons({ item, compact = false }: Props) {
  const { record } = useInteractionLog();
  const announce = useAnnounce();
  const { t } = useI18n();
  const state = useItemInteractions(item.id);
  const once = (done: boolean, kind: 'like' | 'save' | 'dismiss') => () => {
    if (done) announce(t('actions.already', { item: item.title }));
    else void record(kind, item);
  };

  return (
    <div className={`interactions${compact ? ' interactions--compact' : ''}`} role="group" aria-label={t('actions.label', { item: item.title })}>
      <button type="button" aria-pressed={state.liked} onClick={once(state.liked, 'like')}>
        <Icon name="heart" filled={state.liked} /> <span className="label">{t('actions.like')}</span>
      </button>
      <button type="button" aria-pressed={state.saved} onClick={once(state.saved, 'save')}>
        <Icon name="star" filled={state.saved} /> <span className="label">{t('actions.save')}</span>
      </button>
      <button type="button" onClick={() => void record('add-to-cart', item)} disabled={!item.inStock}>
        <Icon name="cart" /> <span className="label">{t('actions.cart')}</span>
        {state.inCart > 0 && (
          <span className="count" data-testid="item-cart-count">
            <span className="visually-hidden">, </span>
            {state.inCart}
            <span className="visually-hidden"> {t('actions.inCart')}</span>
          </span>
        )}
      </button>
      <button type="button" onClick={() => void record('purchase', item)} disabled={!item.inStock}>
        <Icon name={state.purchased ? 'check' : 'bag'} /> <span className="label">{t('actions.buy')}</span>
      </button>
      <button type="button" aria-pressed={state.dismissed} onClick={once(state.dismissed, 'dismiss')}>
        <Icon name="x" /> <span className="label">{t('actions.dismiss')}</span>
      </button>
    </div>
  );
}
