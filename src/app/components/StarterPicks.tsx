import { useMemo, useState } from 'react';
import type { Catalog } from '../../core/catalog/schema';
import { useI18n } from '../i18n/i18n';
import { useInteractionLog } from '../hooks/useInteractionLog';
import { useRecsQuery } from '../hooks/useRecsQuery';
import { formatRoute } from '../lib/route';
import { MIN_STARTER_PICKS, pickStarterItems } from '../lib/starter-picks';
import { Icon } from './Icon';
import { ProductImage } from './ProductImage';

const GRID_SIZE = 12;

/**
 * "Pick a few images you like" for a new shopper: a varied grid (categories × colours), toggles, and
 * "show my feed" once at least three are picked. The picks become ordinary `like` events, so the profile,
 * the history and export see nothing special. Skipping is always possible.
 */
interface Props {
  catalog: Catalog;
  /** True while the likes are being recorded (the parent keeps this grid on screen meanwhile). */
  onSaving: (saving: boolean) => void;
  onDone: () => void;
  onSkip: () => void;
}

export function StarterPicks({ catalog, onSaving, onDone, onSkip }: Props) {
  const { t } = useI18n();
  const { record } = useInteractionLog();
  const colors = useRecsQuery('item-colors', (c) => c.itemColors(), false);
  const colorMap = colors.status === 'ready' ? colors.data : undefined;
  const items = useMemo(() => {
    if (!colorMap) return [];
    const byId = new Map(catalog.items.map((i) => [i.id, i]));
    const ids = pickStarterItems(
      catalog.items.map((i) => ({ id: i.id, category: i.category, inStock: i.inStock, color: colorMap.get(i.id)?.[0]?.name ?? '' })),
      GRID_SIZE,
    );
    return ids.map((id) => byId.get(id)!);
  }, [catalog, colorMap]);
  const [picked, setPicked] = useState<readonly string[]>([]);
  const [saving, setSaving] = useState(false);
  const enough = picked.length >= MIN_STARTER_PICKS;

  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const finish = async () => {
    if (!enough || saving) return;
    setSaving(true);
    onSaving(true);
    // In pick order, one durable like at a time: the feed appears only after every like is confirmed.
    let ok = true;
    for (const id of picked) {
      const item = items.find((i) => i.id === id);
      if (item) ok = (await record('like', item)) && ok;
    }
    setSaving(false);
    onSaving(false);
    if (ok) onDone();
  };

  return (
    <section className="starter" aria-labelledby="starter-heading" data-testid="onboarding">
      <h2 id="starter-heading">{t('starter.title')}</h2>
      <p>{t('starter.intro', { min: MIN_STARTER_PICKS })}</p>
      {colors.status === 'error' && <p role="alert">{t('feed.error', { message: colors.error.message })}</p>}
      {!colorMap && colors.status !== 'error' && (
        <p className="loading" role="status">
          {t('starter.loading')}
        </p>
      )}
      {items.length > 0 && (
        <ul className="starter-grid" aria-label={t('starter.gridLabel')}>
          {items.map((item) => {
            const on = picked.includes(item.id);
            return (
              <li key={item.id}>
                <button type="button" className="starter-pick" aria-pressed={on} onClick={() => toggle(item.id)} data-testid="starter-pick" data-item-id={item.id} data-color={colorMap?.get(item.id)?.[0]?.name ?? ''}>
                  <ProductImage src={item.thumbnail ?? item.image} alt="" size={160} className="starter-image" eager />
                  <span className="starter-title">{item.title}</span>
                  <span className="starter-mark" aria-hidden="true">
                    <Icon name={on ? 'check' : 'heart'} filled={false} />
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="starter-actions">
        <p className="starter-count" role="status" data-testid="starter-count">
          {enough ? t('starter.ready', { n: picked.length }) : t('starter.count', { n: picked.length, min: MIN_STARTER_PICKS })}
        </p>
        <div className="button-row">
          <button type="button" className="button button--primary" aria-disabled={!enough || saving} onClick={() => void finish()}>
            {saving ? t('starter.saving') : t('starter.done')}
          </button>
          <button type="button" className="button" onClick={onSkip}>
            {t('starter.skip')}
          </button>
          <a className="button" href={formatRoute({ name: 'photo' })}>
            {t('starter.photo')}
          </a>
        </div>
      </div>
    </section>
  );
}
