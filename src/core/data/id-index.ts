/** Stable string id <-> dense index map (indices are assigned in first-seen order). */
export class IdIndex {
  private readonly map = new Map<string, number>();
  readonly ids: string[] = [];

  constructor(ids: Iterable<string> = []) {
    for (const id of ids) this.add(id);
  }

  get size(): number {
    return this.ids.length;
  }

  /** Index of id, adding it when new. */
  add(id: string): number {
    let i = this.map.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.map.set(id, i);
      this.ids.push(id);
    }
    return i;
  }

  /** Index of id, or -1 when unknown. */
  indexOf(id: string): number {
    return this.map.get(id) ?? -1;
  }

  has(id: string): boolean {
    return this.map.has(id);
  }
}
