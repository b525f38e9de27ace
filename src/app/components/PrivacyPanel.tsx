import { useEffect, useId, useState, type ChangeEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import type { PrivacyActions } from '../../worker/app-adapters';
import type { StatusView } from '../../worker/protocol';

/**
 * "Your data": export everything as one JSON file, import it back, delete everything, and the notice
 * when nothing can be kept (IndexedDB refused, or everything was just deleted).
 */
export function PrivacyPanel({ privacy }: { privacy: PrivacyActions }) {
  const [status, setStatus] = useState<StatusView | undefined>();
  const [message, setMessage] = useState('');
  const [confirming, setConfirming] = useState(false);
  const { t } = useI18n();
  const id = useId();

  useEffect(() => {
    let live = true;
    privacy.status().then(
      (s) => live && setStatus(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [privacy]);

  const run = async (task: () => Promise<string>) => {
    try {
      setMessage(await task());
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    }
    setStatus(await privacy.status().catch(() => undefined));
  };

  const exportData = () =>
    run(async () => {
      const json = await privacy.exportData();
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `glimpse-export-${new Date().toISOString().slice(0, 10)}.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return t('privacy.exported');
    });

  const importData = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) {
      void run(async () => {
        const r = await privacy.importData(await file.text());
        return t('privacy.imported', { count: r.interactions });
      });
    }
  };

  const wipe = () =>
    run(async () => {
      setConfirming(false);
      const r = await privacy.wipe();
      return t('privacy.deleted', { databases: r.databases.length, caches: r.caches.length });
    });

  return (
    <section className="privacy-panel" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">{t('taste.data')}</h2>
      {status && !status.persistent && <p data-testid="storage-notice">{status.notice ?? t('privacy.notKept')}</p>}
      <div className="button-row">
        <button type="button" className="button" onClick={() => void exportData()}>
          {t('taste.export')}
        </button>
        <label htmlFor={`${id}-import`} className="button">
          {t('taste.import')}
        </label>
        <input id={`${id}-import`} className="file-input" type="file" accept="application/json,.json" onChange={importData} />
        {confirming ? (
          <button type="button" className="button button--danger" onClick={() => void wipe()}>
            {t('taste.deleteYes')}
          </button>
        ) : (
          <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
            {t('taste.delete')}
          </button>
        )}
      </div>
      <p role="status" data-testid="privacy-message">
        {message}
      </p>
    </section>
  );
}
