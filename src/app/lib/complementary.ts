/** The catalog facts "complete the look" needs: category and wardrobe (source) per item. */
export interface WardrobeItem {
  category: string;
  /** Contributor / wardrobe id (demo data). */
  source?: string;
}

/**
 * Categories that co-occur with `category` in the same wardrobes (items sharing a `source`), by lift:
 * P(both) / (P(a) P(b)). Without sources every other category counts once.
 */
export function complementaryCategories(items: readonly WardrobeItem[], category: string, limit = 3): string[] {
  const wardrobes = new Map<string, Set<string>>();
  for (const item of items) {
    if (!item.source) continue;
    const set = wardrobes.get(item.source) ?? new Set<string>();
    set.add(item.category);
    wardrobes.set(item.source, set);
  }
  const n = wardrobes.size;
  const counts = new Map<string, number>();
  const joint = new Map<string, number>();
  for (const cats of wardrobes.values()) {
    for (const c of cats) counts.set(c, (counts.get(c) ?? 0) + 1);
    if (!cats.has(category)) continue;
    for (const c of cats) if (c !== category) joint.set(c, (joint.get(c) ?? 0) + 1);
  }
  const all = [...new Set(items.map((i) => i.category))].filter((c) => c !== category);
  const lift = (c: string) =>
    n && counts.get(category) ? ((joint.get(c) ?? 0) * n) / ((counts.get(category) ?? 1) * (counts.get(c) ?? 1)) : 0;
  return all
    .filter((c) => !n || (joint.get(c) ?? 0) > 0)
    .sort((a, b) => lift(b) - lift(a) || (joint.get(b) ?? 0) - (joint.get(a) ?? 0) || a.localeCompare(b))
    .slice(0, limit);
}
