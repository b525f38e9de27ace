import { useI18n } from '../i18n/i18n';
import { isBaseline, lowerIsBetter, metricScale, type EvalGroup } from '../services/eval-results';

/**
 * Small multiples: one panel per metric, one horizontal bar per model, baselines striped. Bars of metrics
 * that live in [0, 1] are drawn on that absolute axis (a 0.02 difference looks like one), others on
 * [0, max]. Every number is printed; each panel is a real table for screen readers.
 */
export function MetricsChart({ group }: { group: EvalGroup }) {
  const { t, locale } = useI18n();
  const models = group.rows.map((r) => r.model);
  return (
    <figure className="metrics-chart" data-testid="metrics-chart">
      <figcaption>
        {group.title}
        <span className="muted small metrics-meta">
          {t('insights.evalRows', { models: models.length, seeds: group.seeds.join(', ') || '—', candidates: group.candidates ?? '—' })}
        </span>
      </figcaption>
      <div className="metric-panels">
        {group.metrics.map((metric) => {
          const values = group.rows.map((r) => r.metrics[metric]).filter((v): v is number => v !== undefined);
          const scale = metricScale(values);
          const lower = lowerIsBetter(metric);
          const best = values.length ? (lower ? Math.min(...values) : Math.max(...values)) : undefined;
          return (
            <table className="metric-panel" key={metric} data-testid="metric-panel" data-metric={metric}>
              <caption>
                {metric}
                {lower && (
                  <span className="muted" title={t('insights.lowerBetter')}>
                    {' '}↓<span className="visually-hidden"> {t('insights.lowerBetter')}</span>
                  </span>
                )}
              </caption>
              <tbody>
                {group.rows.map((row) => {
                  const v = row.metrics[metric];
                  const baseline = isBaseline(row.model);
                  return (
                    <tr key={row.model} className={baseline ? 'metric-row metric-row--baseline' : 'metric-row'} data-model={row.model} data-baseline={baseline}>
                      <th scope="row" className="metric-model">
                        {row.model}
                        {baseline && <span className="metric-tag"> ({t('insights.baseline')})</span>}
                      </th>
                      <td>
                        {v === undefined ? (
                          '—'
                        ) : (
                          <span className="metric-cell">
                            <span className="metric-track" aria-hidden="true">
                              <span className="metric-bar" style={{ width: `${(Math.abs(v) / scale) * 100}%` }} />
                            </span>
                            <span className={`metric-value${v === best && values.length > 1 ? ' metric-value--best' : ''}`} data-testid="metric-value">
                              {v.toLocaleString(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 })}
                            </span>
                          </span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          );
        })}
      </div>
    </figure>
  );
}
