import { useMemo } from 'react';
import { useI18n } from '../i18n/i18n';
import { useCatalogIndex } from '../hooks/useCatalogIndex';
import type { TasteMap } from '../services/recs-client';

const SIZE = 320;
const PAD = 12;

/** An SVG scatter of the catalog's 2-D projection with liked/dismissed items and the taste point. */
export function TasteMapPlot({ map }: { map: TasteMap }) {
  const { t } = useI18n();
  const { byId } = useCatalogIndex();
  const scale = useMemo(() => {
    const xs = map.points.map((p) => p.x);
    const ys = map.points.map((p) => p.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const sx = (x: number) => PAD + ((x - x0) / (x1 - x0 || 1)) * (SIZE - 2 * PAD);
    const sy = (y: number) => SIZE - PAD - ((y - y0) / (y1 - y0 || 1)) * (SIZE - 2 * PAD);
    return { sx, sy };
  }, [map]);
  const marked = map.points.filter((p) => p.affinity !== 0);
  return (
    <svg className="taste-map" viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label={t('taste.mapLabel', { count: map.points.length })} data-testid="taste-map">
      <rect x="0" y="0" width={SIZE} height={SIZE} className="taste-map-bg" />
      {map.points.map((p) => (
        <circle key={p.itemId} cx={scale.sx(p.x)} cy={scale.sy(p.y)} r="2" className="taste-map-dot" />
      ))}
      {marked.map((p) => (
        <g key={`m-${p.itemId}`} transform={`translate(${scale.sx(p.x)} ${scale.sy(p.y)})`} className={p.affinity > 0 ? 'taste-map-liked' : 'taste-map-dismissed'}>
          <title>{byId.get(p.itemId)?.title ?? p.itemId}</title>
          {p.affinity > 0 ? <path d="M0 4 L-4 0 A2 2 0 0 1 0 -2 A2 2 0 0 1 4 0 Z" transform="scale(1.4)" /> : <path d="M-3 -3 L3 3 M3 -3 L-3 3" strokeWidth="2" />}
        </g>
      ))}
      {map.taste && (
        <circle cx={scale.sx(map.taste.x)} cy={scale.sy(map.taste.y)} r="9" className="taste-map-taste" data-testid="taste-point">
          <title>{t('taste.mapTaste')}</title>
        </circle>
      )}
    </svg>
  );
}
