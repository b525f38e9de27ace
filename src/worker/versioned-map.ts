/**
 * A Map that counts its writes, so what is derived from it (the recommender's item views, the taste map's
 * PCA) can tell it changed even when its size did not (a feature replaced in place).
 */
export class VersionedMap<K, V> extends Map<K, V> {
  private writes = 0;

  get version(): number {
    return this.writes;
  }

  override set(key: K, value: V): this {
    this.writes = (this.writes || 0) + 1; // Map's constructor calls set before the field is initialised
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.writes++;
    return super.delete(key);
  }

  override clear(): void {
    this.writes++;
    super.clear();
  }
}
