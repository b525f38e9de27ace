import { useI18n } from '../i18n/i18n';
import { useTraining } from '../services/RecsContext';

/**
 * "Learning from your likes…" while a full retrain is queued or running (each like already updated the
 * feed by fold-in; this is the slower rebuild from the whole history). A live region that stays in the DOM
 * so screen readers hear it appear; empty when idle.
 */
export function TrainingIndicator() {
  const { t } = useI18n();
  const training = useTraining();
  const running = training?.running;
  const state = running ? 'running' : training?.queued ? 'queued' : 'idle';
  return (
    <div className="training-indicator" role="status" data-testid="training-indicator" data-state={state}>
      {state !== 'idle' && (
        <>
          <span className="learning learning--on">{t('training.indicator')}</span>
          {running && <progress max={running.total} value={running.done} aria-label={t('training.indicatorRunning')} />}
        </>
      )}
    </div>
  );
}
