import { useEffect, useId, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { RecGrid } from '../components/RecGrid';
import { formatRoute } from '../lib/route';
import { useRecsClient } from '../services/RecsContext';
import type { PhotoSearchResult } from '../services/recs-client';

type State = { status: 'idle' } | { status: 'working' } | { status: 'done'; result: PhotoSearchResult } | { status: 'error'; message: string };

/** Upload or take a photo; the engine extracts its features on this device and finds look-alikes. */
export function PhotoSearchScreen() {
  const { t, colorName } = useI18n();
  const client = useRecsClient();
  const id = useId();
  const [state, setState] = useState<State>({ status: 'idle' });
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setPreview(URL.createObjectURL(file));
    setState({ status: 'working' });
    try {
      setState({ status: 'done', result: await client.searchByPhoto(file, 12) });
    } catch (err) {
      setState({ status: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <section className="screen" aria-labelledby="photo-heading">
      <h1 id="photo-heading">{t('photo.title')}</h1>
      <p>{t('photo.intro')}</p>
      <p className="privacy-note" data-testid="photo-private">
        {t('photo.private')}
      </p>
      <div className="photo-pick">
        <label htmlFor={`${id}-file`} className="button">
          {t('photo.choose')}
        </label>
        <input id={`${id}-file`} className="file-input" type="file" accept="image/*" capture="environment" onChange={(e) => void onFile(e.target.files?.[0])} />
      </div>
      {preview && <img className="photo-preview" src={preview} alt={t('photo.yourPhoto')} width={160} height={160} />}
      {state.status === 'working' && <p role="status">{t('photo.working')}</p>}
      {state.status === 'error' && <p role="alert">{t('photo.error', { message: state.message })}</p>}
      {state.status === 'done' && (
        <>
          <p className="muted" role="status">
            {t('photo.found', { colors: state.result.colors.map((c) => colorName(c.name)).join(', ') || '—' })} · {t('photo.time', { ms: Math.round(state.result.millis) })}
          </p>
          <h2>{t('photo.results')}</h2>
          <p className="privacy-note" data-testid="photo-seed-hint">
            {t('photo.seedHint')} <a href={formatRoute({ name: 'for-you' })}>{t('photo.seedLink')}</a>
          </p>
          <RecGrid recs={state.result.results} label={t('photo.results')} dismissible={false} testId="photo-results" />
        </>
      )}
    </section>
  );
}
