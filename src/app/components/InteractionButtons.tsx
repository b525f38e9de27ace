import type { CatalogItem } from '../../core/catalog/schema';
import { useInteractionLog, useItemInteractions } from '../hooks/useInteractionLog';
import { useAnnounce } from '../hooks/useAnnouncer';
import { Icon } from './Icon';

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
  const state = useItemInteractions(item.id);
  const once = (done: boolean, doneText: string, kind: 'like' | 'save' | 'dismiss') => () => {
    if (done) announce(`${doneText} “${item.title}”`);
    else void record(kind, item);
  };

  return (
    <div className={`interactions${compact ? ' interactions--compact' : ''}`} role="group" aria-label={`Actions for ${item.title}`}>
      <button type="button" aria-pressed={state.liked} onClick={once(state.liked, 'Already liked', 'like')}>
        <Icon name="heart" filled={state.liked} /> <span className="label">Like</span>
      </button>
      <button type="button" aria-pressed={state.saved} onClick={once(state.saved, 'Already saved', 'save')}>
        <Icon name="star" filled={state.saved} /> <span className="label">Save</span>
      </button>
      <button type="button" onClick={() => void record('add-to-cart', item)} disabled={!item.inStock}>
        <Icon name="cart" /> <span className="label">Add to cart</span>
        {state.inCart > 0 && (
          <span className="count" data-testid="item-cart-count">
            <span className="visually-hidden">, </span>
            {state.inCart}
            <span className="visually-hidden"> in cart</span>
          </span>
        )}
      </button>
      <button type="button" onClick={() => void record('purchase', item)} disabled={!item.inStock}>
        <Icon name={state.purchased ? 'check' : 'bag'} /> <span className="label">Buy now</span>
      </button>
      <button type="button" aria-pressed={state.dismissed} onClick={once(state.dismissed, 'Already dismissed', 'dismiss')}>
        <Icon name="x" /> <span className="label">Not for me</span>
      </button>
    </div>
  );
}
