import { useI18n } from '../i18n/i18n';
import { useRecsQuery } from '../hooks/useRecsQuery';
import { DataControls } from '../components/DataControls';
import { HistoryList } from '../components/HistoryList';
import { PreferenceBars } from '../components/PreferenceBars';
import { TasteMapPlot } from '../components/TasteMapPlot';
import { useRecsClient } from '../services/RecsContext';

/** The profile made visible and editable. */
export function TasteScreen() {
  const { t, colorName } = useI18n();
  const client = useRecsClient();
  const profile = useRecsQuery('profile', (c) => c.profile());
  const map = useRecsQuery('taste-map', (c) => c.tasteMap());
  const history = useRecsQuery('history', (c) => c.history());
  const p = profile.data;
  return (
    <section className="screen" aria-labelledby="taste-heading">
      <h1 id="taste-heading">{t('taste.title')}</h1>
      <p className="muted">{t('taste.intro')}</p>
      {p && <p data-testid="taste-events">{t('taste.events', { count: p.events })}</p>}
      <div className="taste-grid">
        {p && (
          <>
            <PreferenceBars title={t('taste.palette')} scores={p.colors} label={colorName} empty={t('taste.noData')} testId="pref-colors" />
            <PreferenceBars title={t('taste.categories')} scores={p.categories} label={(n) => n} empty={t('taste.noData')} testId="pref-categories" />
          </>
        )}
        {map.data && (
          <figure className="taste-map-figure">
            <figcaption>{t('taste.map')}</figcaption>
            <TasteMapPlot map={map.data} />
            <p className="muted small">{t('taste.mapNote', { method: map.data.method })}</p>
          </figure>
        )}
      </div>
      {p && <DataControls paused={p.paused} />}
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('taste.history')}</h2>
        {history.data && <HistoryList entries={history.data} onRemove={(id) => void client.removeInteraction(id)} />}
      </section>
    </section>
  );
}
