import { useInteractionLog } from '../hooks/useInteractionLog';
import { Icon } from './Icon';

export function Header({ demo }: { demo: boolean }) {
  const { totals } = useInteractionLog();
  return (
    <header className="app-header">
      <a className="brand" href="#/">
        Glimpse
      </a>
      {demo && (
        <span className="demo-badge" title="Titles, prices and stock are generated demo data">
          Demo data
        </span>
      )}
      <nav aria-label="Main">
        <a href="#/">Catalog</a>
      </nav>
      <p className="header-counts" aria-label="Your activity">
        <span data-testid="liked-count"><Icon name="heart" filled /> {totals.liked} liked</span>
        <span data-testid="saved-count"><Icon name="star" filled /> {totals.saved} saved</span>
        <span data-testid="cart-count"><Icon name="cart" /> {totals.inCart} in cart</span>
      </p>
    </header>
  );
}
