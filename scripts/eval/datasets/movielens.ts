import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTriples, IdIndex, textFeatures, type Triples } from '../../../src/core/data';
import type { Matrix } from '../../../src/core/linalg';

/** MovieLens latest-small (Harper & Konstan 2015) from the shared asset folder. */
export interface MovieLens {
  users: IdIndex;
  items: IdIndex;
  /** All ratings: value = stars (0.5..5), time = unix seconds. */
  ratings: Triples;
  /** Per item (row order of `items`): title, genres and user tags. */
  docs: string[][];
}

function csvRows(path: string): string[][] {
  const text = readFileSync(path, 'utf8');
  const rows: string[][] = [];
  for (const line of text.split('\n').slice(1)) {
    if (!line.trim()) continue;
    const cells: string[] = [];
    let cur = '',
      quoted = false;
    for (let k = 0; k < line.length; k++) {
      const ch = line[k];
      if (quoted) {
        if (ch === '"' && line[k + 1] === '"') {
          cur += '"';
          k++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cur);
        cur = '';
      } else cur += ch;
    }
    cells.push(cur.replace(/\r$/, ''));
    rows.push(cells);
  }
  return rows;
}

export function loadMovieLens(assets: string): MovieLens {
  const dir = resolve(assets, 'movielens-small');
  const users = new IdIndex(),
    items = new IdIndex();
  const us: number[] = [],
    is: number[] = [],
    vs: number[] = [],
    ts: number[] = [];
  for (const [u, i, r, t] of csvRows(resolve(dir, 'ratings.csv'))) {
    us.push(users.add(u));
    is.push(items.add(i));
    vs.push(Number(r));
    ts.push(Number(t));
  }
  const docs: string[][] = items.ids.map(() => []);
  for (const [id, title, genres] of csvRows(resolve(dir, 'movies.csv'))) {
    const i = items.indexOf(id);
    if (i >= 0)
      docs[i].push(
        title.replace(/\(\d{4}\)\s*$/, ''),
        genres.replace(/\|/g, ' '),
        ...genres.split('|').map((g) => `genre_${g.replace(/\W/g, '')}`),
      );
  }
  for (const [, id, tag] of csvRows(resolve(dir, 'tags.csv'))) {
    const i = items.indexOf(id);
    if (i >= 0) docs[i].push(tag);
  }
  return { users, items, ratings: createTriples(us, is, vs, ts), docs };
}

/** Implicit positives: ratings >= threshold, value 1. */
export function implicitPositives(ml: MovieLens, threshold = 4): Triples {
  const keep: number[] = [];
  for (let p = 0; p < ml.ratings.values.length; p++) if (ml.ratings.values[p] >= threshold) keep.push(p);
  return createTriples(
    keep.map((p) => ml.ratings.users[p]),
    keep.map((p) => ml.ratings.items[p]),
    undefined,
    keep.map((p) => ml.ratings.times![p]),
  );
}

/** Hashed TF-IDF over title, genres and tags (the text modality). */
export function movieTextFeatures(ml: MovieLens, dims = 512): Matrix {
  return textFeatures(ml.docs, { dims });
}
