import { useI18n } from '../i18n/i18n';
import { useRecsProgress } from '../services/RecsContext';

/** A progress bar for long engine work, shown on every screen while it runs. */
export function ProgressBanner() {
  const { t } = useI18n();
  const progress = useRecsProgress();
  if (!progress) return null;
  const label =
    progress.task === 'features'
      ? t('progress.features', { done: progress.done, total: progress.total })
      : progress.task === 'training'
        ? t('progress.training')
        : t('progress.import');
  return (
    <div className="progress-banner" role="status" data-testid="progress" data-task={progress.task}>
      <span>{label}</span>
      {progress.task === 'features' && progress.rate !== undefined && <span className="muted"> · {t('progress.featuresRate', { rate: Math.round(progress.rate) })}</span>}
      <progress max={progress.total} value={progress.task === 'training' ? undefined : progress.done} aria-label={t('progress.label')} />
    </div>
  );
}
