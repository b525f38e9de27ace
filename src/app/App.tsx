import { useCallback, useEffect, useRef } from 'react';
import { AnnouncerProvider } from './components/AnnouncerProvider';
import { CatalogErrorView } from './components/CatalogErrorView';
import { CatalogScreen } from './components/CatalogScreen';
import { DemoNotice } from './components/DemoNotice';
import { Header } from './components/Header';
import { InteractionLogProvider } from './components/InteractionLogProvider';
import { PrivacyPanel } from './components/PrivacyPanel';
import { ProductPage } from './components/ProductPage';
import { useCatalog } from './hooks/useCatalog';
import { useHashRoute } from './hooks/useHashRoute';
import { ServicesProvider, useServices, type Services } from './services/ServicesContext';

export function App({ services, catalogUrl }: { services: Services; catalogUrl: URL | Error }) {
  return (
    <ServicesProvider services={services}>
      <AnnouncerProvider>
        <InteractionLogProvider>
          <Shell catalogUrl={catalogUrl} />
        </InteractionLogProvider>
      </AnnouncerProvider>
    </ServicesProvider>
  );
}

function Shell({ catalogUrl }: { catalogUrl: URL | Error }) {
  const state = useCatalog(catalogUrl);
  const [route, navigate] = useHashRoute();
  const cameFromCatalog = useRef(false);
  const catalogScroll = useRef(0);

  // Back from a product page returns to the grid where the shopper left it.
  const onBack = useCallback(() => {
    if (cameFromCatalog.current) window.history.back();
    else navigate({ name: 'catalog' });
  }, [navigate]);

  useEffect(() => {
    if (route.name === 'item') {
      window.scrollTo(0, 0);
      return;
    }
    if (route.name === 'catalog') {
      const y = catalogScroll.current;
      const frame = requestAnimationFrame(() => window.scrollTo(0, y));
      const onScroll = () => {
        catalogScroll.current = window.scrollY;
      };
      window.addEventListener('scroll', onScroll, { passive: true });
      return () => {
        cameFromCatalog.current = true;
        cancelAnimationFrame(frame);
        window.removeEventListener('scroll', onScroll);
      };
    }
  }, [route.name]);

  const catalog = state.status === 'ready' ? state.catalog : undefined;
  const { privacy } = useServices();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header demo={catalog?.demo ?? false} />
      <main id="main" tabIndex={-1}>
        {state.status === 'loading' && (
          <p className="loading" role="status">
            Loading catalog…
          </p>
        )}
        {state.status === 'error' && <CatalogErrorView error={state.error} url={state.url} />}
        {catalog && <DemoNotice catalog={catalog} />}
        {catalog && route.name === 'catalog' && (
          <CatalogScreen catalog={catalog} category={route.category} query={route.query} navigate={navigate} />
        )}
        {catalog && route.name === 'item' && <ProductPage catalog={catalog} itemId={route.id} onBack={onBack} />}
        {catalog && route.name === 'not-found' && (
          <section>
            <h1>Page not found</h1>
            <p>
              <a href="#/">Go to the catalog</a>
            </p>
          </section>
        )}
      </main>
      <footer className="app-footer">
        {privacy && <PrivacyPanel privacy={privacy} />}
        <p>Your likes, saves and purchases stay in this browser. Glimpse sends nothing about you anywhere.</p>
      </footer>
    </>
  );
}
