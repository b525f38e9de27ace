import { useId, useState } from 'react';
import { useI18n, type Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { useRecsClient, useTraining } from '../services/RecsContext';
import type { TrainingRun, TrainingTrigger } from '../services/recs-client';

/** The delays the shopper can pick; 0 turns background retraining off. */
export const RETRAIN_DELAYS_MS = [2_000, 5_000, 20_000, 60_000, 0] as const;

function delayLabel(ms: number, t: Translate): string {
  if (ms === 0) return t('training.delayOff');
  return ms % 60_000 === 0 ? t('training.delayMinutes', { n: ms / 60_000 }) : t('training.delaySeconds', { n: ms / 1000 });
}

const triggerKey = (trigger: TrainingTrigger) => `training.trigger.${trigger}` as MessageKey;

/** Sub-millisecond runs are common for the taste model: keep one decimal there, whole ms above 10. */
const millis = (ms: number, locale: string) => ms.toLocaleString(locale, { maximumFractionDigits: ms < 10 ? 1 : 0 });

/**
 * Background retraining made visible: the delay setting (stored by the engine), what is queued or running,
 * the last run's numbers and a bar plot of recent runs (time and in-sample AUC), drawn like the evaluation
 * charts: a real table with CSS bars, every number printed.
 */
export function TrainingPanel() {
  const { t, locale } = useI18n();
  const client = useRecsClient();
  const training = useTraining();
  const [error, setError] = useState<string | undefined>();
  const selectId = useId();
  if (!training) return null;
  const { last, running, queued } = training;
  const choose = (ms: number) => {
    setError(undefined);
    client.setRetrainDelay(ms).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  const known = (RETRAIN_DELAYS_MS as readonly number[]).includes(training.retrainDelayMs);
  const runs = [...training.history].reverse();
  const slowest = Math.max(...runs.map((r) => r.millis), 0);

  return (
    <section aria-labelledby="ins-training" className="panel panel--wide" data-testid="training-panel">
      <h2 id="ins-training">{t('training.title')}</h2>
      <p className="muted small">{t('training.intro')}</p>
      <p className="training-setting">
        <label htmlFor={selectId}>{t('training.delay')}</label>{' '}
        <select id={selectId} value={training.retrainDelayMs} onChange={(e) => choose(Number(e.target.value))} data-testid="retrain-delay">
          {!known && <option value={training.retrainDelayMs}>{delayLabel(training.retrainDelayMs, t)}</option>}
          {RETRAIN_DELAYS_MS.map((ms) => (
            <option key={ms} value={ms}>
              {delayLabel(ms, t)}
            </option>
          ))}
        </select>
      </p>
      {error && <p role="alert">{error}</p>}
      <p data-testid="training-state" data-state={running ? 'running' : queued ? 'queued' : 'idle'}>
        {running ? t('training.running') : queued ? t('training.queued') : training.retrainDelayMs === 0 ? t('training.off') : !last ? t('training.none') : null}
      </p>
      {running && <progress max={running.total} value={running.done} aria-label={t('training.running')} />}
      {last && <LastRun run={last} t={t} locale={locale} />}
      {runs.length > 0 && (
        <figure className="metrics-chart training-runs">
          <figcaption>
            {t('training.recent')}
            <span className="muted small metrics-meta">{t('training.recentPlot')}</span>
          </figcaption>
          <table className="metric-panel training-runs-table" data-testid="training-runs">
            <thead>
              <tr>
                <th scope="col">{t('training.when')}</th>
                <th scope="col">{t('training.time')}</th>
                <th scope="col">{t('training.auc')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={`${r.at}-${r.parametersVersion}`} data-testid="training-run" data-trigger={r.trigger}>
                  <th scope="row" className="metric-model">
                    {new Date(r.at).toLocaleTimeString(locale)}
                    <span className="metric-tag"> · {t(triggerKey(r.trigger))}</span>
                    <span className="metric-tag training-run-samples">{t('training.runSamples', { samples: r.samples })}</span>
                  </th>
                  <td>
                    <Bar fraction={slowest > 0 ? r.millis / slowest : 0} text={t('training.ms', { ms: millis(r.millis, locale) })} />
                  </td>
                  <td>{r.auc ? <Bar fraction={r.auc.value} text={r.auc.value.toLocaleString(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 })} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </figure>
      )}
    </section>
  );
}

function Bar({ fraction, text }: { fraction: number; text: string }) {
  return (
    <span className="metric-cell">
      <span className="metric-track" aria-hidden="true">
        <span className="metric-bar" style={{ width: `${Math.max(0, Math.min(1, fraction)) * 100}%` }} />
      </span>
      <span className="metric-value training-value">{text}</span>
    </span>
  );
}

function LastRun({ run, t, locale }: { run: TrainingRun; t: Translate; locale: string }) {
  const lastLoss = run.losses?.at(-1);
  const rows: [string, string, string][] = [
    ['model', t('training.model'), run.model],
    ['when', t('training.when'), `${new Date(run.at).toLocaleTimeString(locale)} · ${t(triggerKey(run.trigger))}`],
    ['epochs', t('training.epochs'), run.epochs.toLocaleString(locale)],
    ['samples', t('training.samples'), run.samples.toLocaleString(locale)],
    ['items', t('training.items'), run.items.toLocaleString(locale)],
    ['millis', t('training.time'), t('training.ms', { ms: millis(run.millis, locale) })],
    ['rate', t('training.rate'), t('training.rateValue', { rate: Math.round(run.samplesPerSecond) })],
    ['loss', t('training.loss'), lastLoss === undefined ? t('training.lossNone') : lastLoss.toLocaleString(locale, { maximumSignificantDigits: 4 })],
    ['auc', t('training.auc'), run.auc ? run.auc.value.toLocaleString(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }) : '—'],
    ['version', t('training.version'), t('training.versionValue', { version: run.parametersVersion })],
  ];
  return (
    <>
      <h3>{t('training.last')}</h3>
      <dl className="training-last" data-testid="training-last">
        {rows.map(([key, label, value]) => (
          <div key={key} data-field={key}>
            <dt>{label}</dt>
            <dd data-testid={`training-${key}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {run.auc && <p className="muted small">{t('training.aucNote')}</p>}
    </>
  );
}
