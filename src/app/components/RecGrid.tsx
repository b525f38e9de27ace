import { useCatalogIndex } from '../hooks/useCatalogIndex';
import { useRecsQuery } from '../hooks/useRecsQuery';
import type { Recommendation } from '../services/recs-client';
import { RecCard } from './RecCard';

/** A small (non-virtual) grid of recommendations; ids the catalog does not know are skipped. */
export function RecGrid({ recs, label, dismissible = true, testId }: { recs: readonly Recommendation[]; label: string; dismissible?: boolean; testId?: string }) {
  const { byId } = useCatalogIndex();
  const colors = useRecsQuery('item-colors', (c) => c.itemColors(), false);
  const colorMap = colors.status === 'ready' ? colors.data : undefined;
  return (
    <ul className="rec-grid" aria-label={label} data-testid={testId}>
      {recs.map((rec) => {
        const item = byId.get(rec.itemId);
        if (!item) return null;
        return (
          <li key={rec.itemId}>
            <RecCard item={item} rec={rec} colors={colorMap?.get(rec.itemId)} dismissible={dismissible} />
          </li>
        );
      })}
    </ul>
  );
}
