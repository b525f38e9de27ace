import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { useRecsQuery } from '../hooks/useRecsQuery';
import { MetricsChart } from '../components/MetricsChart';
import { TrainingPanel } from '../components/TrainingPanel';
import { groupEvalRows, loadEvalResults, type EvalPayload } from '../services/eval-results';
import { useServices } from '../services/ServicesContext';
import { useRecsProgress } from '../services/RecsContext';

const bytes = (n: number) => (n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** Evaluation results, the device backend and why, extraction progress, background training and storage. */
export function InsightsScreen() {
  const { t, locale } = useI18n();
  const { fetch: fetchImpl } = useServices();
  const progress = useRecsProgress();
  const insights = useRecsQuery(`insights|${progress ? `${progress.task}` : 'idle'}`, (c) => c.insights());
  const [evalState, setEval] = useState<{ done: boolean; data?: EvalPayload }>({ done: false });
  useEffect(() => {
    let alive = true;
    void loadEvalResults(fetchImpl, import.meta.env.BASE_URL).then((data) => alive && setEval({ done: true, data }));
    return () => {
      alive = false;
    };
  }, [fetchImpl]);
  const info = insights.data;

  return (
    <section className="screen" aria-labelledby="insights-heading">
      <h1 id="insights-heading">{t('insights.title')}</h1>
      <p className="muted">{t('insights.intro')}</p>
      <div className="insights-grid">
        <section aria-labelledby="ins-eval" className="panel panel--wide">
          <h2 id="ins-eval">{t('insights.eval')}</h2>
          {evalState.done && !evalState.data && <p data-testid="eval-missing">{t('insights.evalMissing')}</p>}
          {evalState.data && (
            <>
              <p className="muted">{t('insights.evalSource', { source: 'npm run eval', date: new Date(evalState.data.date).toLocaleString(locale) })}</p>
              {evalState.data.quick && <p className="muted small">{t('insights.evalQuick')}</p>}
              <p className="muted small">{t('insights.evalPlot')}</p>
              {groupEvalRows(evalState.data.rows).map((g) => (
                <MetricsChart key={g.title} group={g} />
              ))}
            </>
          )}
        </section>
        {info && (
          <>
            <section aria-labelledby="ins-engine" className="panel">
              <h2 id="ins-engine">{t('insights.engine')}</h2>
              <p data-testid="engine-name">
                <strong>{info.engine.name}</strong>
              </p>
              <p className="muted small">{info.engine.description}</p>
            </section>
            <section aria-labelledby="ins-backend" className="panel panel--double">
              <h2 id="ins-backend">{t('insights.backend')}</h2>
              {!info.backend && <p className="muted">{t('insights.backendMissing')}</p>}
              {info.backend && (
                <>
                  <p>{t('insights.backendChosen', { name: info.backend.chosen })}</p>
                  <table className="small">
                    <thead>
                      <tr>
                        <th scope="col">{t('insights.candidate')}</th>
                        <th scope="col">{t('insights.outcome')}</th>
                        <th scope="col">{t('insights.reason')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {info.backend.candidates.map((c) => (
                        <tr key={c.name}>
                          <th scope="row">{c.chosen ? `✓ ${c.name}` : c.name}</th>
                          <td data-testid={`backend-status-${c.name}`}>{c.status ? t(`backend.${c.status}`) : '—'}</td>
                          <td className="muted" lang="en">
                            {c.reason}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
            </section>
            <section aria-labelledby="ins-features" className="panel">
              <h2 id="ins-features">{t('insights.features')}</h2>
              <p data-testid="features-status">{t('insights.featuresDone', { done: info.features.done, total: info.features.total, extractor: info.features.extractor })}</p>
              <progress max={info.features.total} value={info.features.done} aria-label={t('insights.features')} />
              {info.features.itemsPerSecond !== undefined && <p className="muted">{t('insights.speed', { rate: Math.round(info.features.itemsPerSecond) })}</p>}
              {info.features.failed && (
                <p data-testid="features-failed" className="features-failed">
                  {t('insights.featuresFailed', { count: info.features.failed.count })} <span lang="en">{info.features.failed.reason}</span>
                </p>
              )}
            </section>
            <TrainingPanel />
            <section aria-labelledby="ins-storage" className="panel">
              <h2 id="ins-storage">{t('insights.storage')}</h2>
              {info.storage ? (
                <p data-testid="storage-used">{t('insights.storageValue', { usage: bytes(info.storage.usage), quota: bytes(info.storage.quota) })}</p>
              ) : (
                <p className="muted">{t('insights.storageUnknown')}</p>
              )}
            </section>
          </>
        )}
      </div>
    </section>
  );
}
