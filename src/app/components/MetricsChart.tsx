import type { EvalGroup } from '../services/eval-results';

/** Per metric, one bar per model, scaled to the best model in the group (numbers printed beside). */
export function MetricsChart({ group, modelLabel }: { group: EvalGroup; modelLabel: string }) {
  return (
    <figure className="metrics-chart" data-testid="metrics-chart">
      <figcaption>{group.title}</figcaption>
      <table>
        <thead>
          <tr>
            <th scope="col">{modelLabel}</th>
            {group.metrics.map((m) => (
              <th scope="col" key={m}>
                {m}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {group.rows.map((row) => (
            <tr key={row.model}>
              <th scope="row">{row.model}</th>
              {group.metrics.map((m) => {
                const v = row.metrics[m];
                const max = Math.max(...group.rows.map((r) => Math.abs(r.metrics[m] ?? 0))) || 1;
                return (
                  <td key={m}>
                    {v === undefined ? (
                      '—'
                    ) : (
                      <span className="metric-cell">
                        <span className="metric-bar" style={{ width: `${(Math.abs(v) / max) * 100}%` }} aria-hidden="true" />
                        <span className="metric-value">{v.toFixed(3)}</span>
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
