import type { LabelScore } from '../services/recs-client';

interface Props {
  title: string;
  scores: readonly LabelScore[];
  label: (name: string) => string;
  empty: string;
  testId?: string;
}

/**
 * Diverging bars (liked to the right, dismissed to the left) drawn with plain HTML/CSS: two bar lists do
 * not justify a charting library, and real elements keep the numbers readable by screen readers.
 */
export function PreferenceBars({ title, scores, label, empty, testId }: Props) {
  const shown = scores.filter((s) => Math.abs(s.score) >= 0.01).slice(0, 10);
  return (
    <figure className="pref-bars" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {shown.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul>
          {shown.map((s) => (
            <li key={s.name} data-name={s.name}>
              <span className="pref-name">
                {s.hex && <span className="swatch" style={{ background: s.hex }} aria-hidden="true" />}
                {label(s.name)}
              </span>
              <span className="pref-track" aria-hidden="true">
                <span
                  className={`pref-bar ${s.score < 0 ? 'pref-bar--neg' : ''}`}
                  style={{
                    width: `${Math.min(50, Math.abs(s.score) * 50)}%`,
                    left: s.score < 0 ? `${50 - Math.min(50, Math.abs(s.score) * 50)}%` : '50%',
                    background: s.hex && s.score >= 0 ? s.hex : undefined,
                  }}
                />
              </span>
              <span className="pref-value">{(s.score * 100).toFixed(0)}%</span>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
