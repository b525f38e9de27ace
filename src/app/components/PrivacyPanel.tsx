import { useEffect, useState, type ChangeEvent } from 'react';
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
      return 'Your data was exported.';
    });

  const importData = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) {
      void run(async () => {
        const r = await privacy.importData(await file.text());
        return `Imported ${r.interactions} interactions.`;
      });
    }
  };

  const wipe = () =>
    run(async () => {
      setConfirming(false);
      const r = await privacy.wipe();
      return `Deleted ${r.databases.length} databases and ${r.caches.length} caches. Nothing will be kept until you reload.`;
    });

  return (
    <section className="privacy-panel" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">Your data</h2>
      {status && !status.persistent && (
        <p data-testid="storage-notice">{status.notice ?? 'Nothing will be kept after this tab closes.'}</p>
      )}
      <button type="button" onClick={() => void exportData()}>
        Export my data
      </button>
      <label>
        Import data <input type="file" accept="application/json,.json" onChange={importData} />
      </label>
      {confirming ? (
        <button type="button" onClick={() => void wipe()}>
          Yes, delete everything
        </button>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          Delete everything
        </button>
      )}
      <p role="status" data-testid="privacy-message">
        {message}
      </p>
    </section>
  );
}
