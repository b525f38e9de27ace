import { useId, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { useAnnounce } from '../hooks/useAnnouncer';
import { useRecsClient } from '../services/RecsContext';

/** Pause learning, export, import and delete everything (with a confirmation step). */
export function DataControls({ paused }: { paused: boolean }) {
  const { t } = useI18n();
  const client = useRecsClient();
  const announce = useAnnounce();
  const id = useId();
  const [confirming, setConfirming] = useState(false);

  const doExport = async () => {
    const blob = await client.exportData();
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `glimpse-profile-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const doImport = async (file: File | undefined) => {
    if (!file) return;
    try {
      const { events } = await client.importData(file);
      announce(t('taste.imported', { count: events }));
    } catch (err) {
      announce(t('taste.importError', { message: err instanceof Error ? err.message : String(err) }), 'error');
    }
  };
  const doWipe = async () => {
    await client.wipe();
    setConfirming(false);
    announce(t('taste.deleted'));
  };

  return (
    <section className="data-controls" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('taste.data')}</h2>
      <label className="check">
        <input type="checkbox" checked={paused} onChange={(e) => void client.setPaused(e.target.checked)} />
        {t('taste.pause')}
      </label>
      {paused && <p className="muted">{t('taste.paused')}</p>}
      <div className="button-row">
        <button type="button" className="button" onClick={() => void doExport()}>
          {t('taste.export')}
        </button>
        <label htmlFor={`${id}-import`} className="button">
          {t('taste.import')}
        </label>
        <input id={`${id}-import`} className="file-input" type="file" accept="application/json,.json" onChange={(e) => void doImport(e.target.files?.[0])} />
        {!confirming && (
          <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
            {t('taste.delete')}
          </button>
        )}
      </div>
      {confirming && (
        <div className="confirm" role="alertdialog" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>{t('taste.deleteConfirm')}</p>
          <div className="button-row">
            <button type="button" className="button button--danger" onClick={() => void doWipe()}>
              {t('taste.deleteYes')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
              {t('taste.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
