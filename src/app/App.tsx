import { useCallback, useEffect, useMemo, useRef } from 'react';
import { AnnouncerProvider } from './components/AnnouncerProvider';
import { CatalogErrorView } from './components/CatalogErrorView';
import { CatalogScreen } from './components/CatalogScreen';
import { DemoNotice } from './components/DemoNotice';
import { Header } from './components/Header';
import { InteractionLogProvider } from './components/InteractionLogProvider';
import { PrivacyPanel } from './components/PrivacyPanel';
import { ProductPage } from './components/ProductPage';
import { ProgressBanner } from './components/ProgressBanner';
import { I18nProvider, useI18n } from './i18n/i18n';
import { useCatalog } from './hooks/useCatalog';
import { CatalogIndexContext, createCatalogIndex } from './hooks/useCatalogIndex';
import { useHashRoute, type Navigate } from './hooks/useHashRoute';
import { useTheme } from './hooks/useTheme';
import type { Route } from './lib/route';
import { ForYouScreen } from './screens/ForYouScreen';
import { InsightsScreen } from './screens/InsightsScreen';
import { PhotoSearchScreen } from './screens/PhotoSearchScreen';
import { TasteScreen } from './screens/TasteScreen';
import { RecsProvider } from './services/RecsContext';
import { ServicesProvider, useServices, type Services } from './services/ServicesContext';
import type { Catalog } from '../core/catalog/schema';

export function App({ services, catalogUrl }: { services: Services; catalogUrl: URL | Error }) {
  return (
    <ServicesProvider services={services}>
      <I18nProvider>
        <AnnouncerProvider>
          <InteractionLogProvider>
            <Shell catalogUrl={catalogUrl} />
          </InteractionLogProvider>
        </AnnouncerProvider>
      </I18nProvider>
    </ServicesProvider>
  );
}

function useScrollMemory(route: Route, navigate: Navigate) {
  const cameFromList = useRef(false);
  const catalogScroll = useRef(0);
  // Back from a product page returns to the grid where the shopper left it.
  const onBack = useCallback(() => {
    if (cameFromList.current) window.history.back();
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
        cameFromList.current = true;
        cancelAnimationFrame(frame);
        window.removeEventListener('scroll', onScroll);
      };
    }
    return () => {
      cameFromList.current = true;
    };
  }, [route.name]);
  return onBack;
}

function Shell({ catalogUrl }: { catalogUrl: URL | Error }) {
  const { t } = useI18n();
  const state = useCatalog(catalogUrl);
  const [route, navigate] = useHashRoute();
  const [theme, setTheme] = useTheme();
  const onBack = useScrollMemory(route, navigate);
  const catalog = state.status === 'ready' ? state.catalog : undefined;
  const { privacy } = useServices();
  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('skip')}
      </a>
      <Header demo={catalog?.demo ?? false} current={route.name} theme={theme} onTheme={setTheme} />
      <main id="main" tabIndex={-1}>
        {state.status === 'loading' && (
          <p className="loading" role="status">
            {t('loading.catalog')}
          </p>
        )}
        {state.status === 'error' && <CatalogErrorView error={state.error} url={state.url} />}
        {catalog && <Screens catalog={catalog} catalogKey={state.url} route={route} navigate={navigate} onBack={onBack} />}
      </main>
      <footer className="app-footer">
        {/* My taste has the same controls in the page: one "Your data" per screen. */}
        {privacy && route.name !== 'taste' && <PrivacyPanel privacy={privacy} />}
        <p>{t('footer.privacy')}</p>
      </footer>
    </>
  );
}

function Screens({ catalog, catalogKey, route, navigate, onBack }: { catalog: Catalog; catalogKey: string; route: Route; navigate: Navigate; onBack: () => void }) {
  const { t } = useI18n();
  const index = useMemo(() => createCatalogIndex(catalog), [catalog]);
  return (
    <CatalogIndexContext value={index}>
      <RecsProvider catalog={catalog} catalogKey={catalogKey}>
        <DemoNotice catalog={catalog} />
        <ProgressBanner />
        {route.name === 'catalog' && <CatalogScreen catalog={catalog} filters={route} navigate={navigate} />}
        {route.name === 'item' && <ProductPage catalog={catalog} itemId={route.id} onBack={onBack} />}
        {route.name === 'for-you' && <ForYouScreen catalog={catalog} />}
        {route.name === 'photo' && <PhotoSearchScreen />}
        {route.name === 'taste' && <TasteScreen />}
        {route.name === 'insights' && <InsightsScreen />}
        {route.name === 'not-found' && (
          <section>
            <h1>{t('notFound.title')}</h1>
            <p>
              <a href="#/">{t('notFound.link')}</a>
            </p>
          </section>
        )}
      </RecsProvider>
    </CatalogIndexContext>
  );
}
