import { createRng } from '../shared/random';
import { csrFromTriples, type CsrMatrix } from '../core/data/csr';
import { createTriples } from '../core/data/triples';
import { createMatrix, type Matrix } from '../core/linalg';

/**
 * Known-answer data for the model contract suite (after benfred/implicit's checkerboard test): users
 * fall into groups, each group likes its own block of items. Every user has exactly one item of their
 * block held out, so the right answer for that user is that item, ranked first among unseen items.
 * The visual variant gives items features that cluster by block, plus cold items (no interactions at
 * all) per block that only features can place.
 */
export interface Checkerboard {
  groups: number;
  usersPerGroup: number;
  itemsPerBlock: number;
  coldPerBlock: number;
  nUsers: number;
  nItems: number;
  train: CsrMatrix;
  /** user -> the held-out item of their block. */
  heldOut: Int32Array;
  groupOfUser: (u: number) => number;
  /** Block of an item (cold items included). */
  blockOfItem: Int32Array;
  /** Cold items (no interactions), per block. */
  coldItems: Int32Array;
  /** Block-clustered item features (unit-ish vectors + noise). */
  features: Matrix;
  /** Explicit ratings variant: 5 in block, 1 for a few out-of-block items. */
  ratings: CsrMatrix;
}

export function createCheckerboard(
  options: {
    groups?: number;
    usersPerGroup?: number;
    itemsPerBlock?: number;
    coldPerBlock?: number;
    featureDims?: number;
    seed?: number;
  } = {},
): Checkerboard {
  const groups = options.groups ?? 3,
    upg = options.usersPerGroup ?? 8,
    ipb = options.itemsPerBlock ?? 6,
    cpb = options.coldPerBlock ?? 2;
  const dims = options.featureDims ?? 8;
  const rng = createRng(options.seed ?? 42);
  const nUsers = groups * upg;
  const warmItems = groups * ipb;
  const nItems = warmItems + groups * cpb;
  const blockOfItem = new Int32Array(nItems);
  for (let i = 0; i < warmItems; i++) blockOfItem[i] = Math.floor(i / ipb);
  const coldItems = new Int32Array(groups * cpb);
  for (let k = 0; k < groups * cpb; k++) {
    coldItems[k] = warmItems + k;
    blockOfItem[warmItems + k] = Math.floor(k / cpb);
  }
  const groupOfUser = (u: number) => Math.floor(u / upg);
  const heldOut = new Int32Array(nUsers);
  const us: number[] = [],
    is: number[] = [];
  const ru: number[] = [],
    ri: number[] = [],
    rv: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    const g = groupOfUser(u);
    heldOut[u] = g * ipb + (u % ipb);
    for (let k = 0; k < ipb; k++) {
      const i = g * ipb + k;
      if (i === heldOut[u]) continue;
      us.push(u);
      is.push(i);
      ru.push(u);
      ri.push(i);
      rv.push(5);
    }
    // explicit variant: dislikes one item of each other block
    for (let h = 0; h < groups; h++) {
      if (h === g) continue;
      ru.push(u);
      ri.push(h * ipb + ((u + h) % ipb));
      rv.push(1);
    }
  }
  const features = createMatrix(nItems, dims);
  for (let i = 0; i < nItems; i++) {
    for (let c = 0; c < dims; c++) features.data[i * dims + c] = 0.15 * rng.normal();
    features.data[i * dims + (blockOfItem[i] % dims)] += 1;
  }
  return {
    groups,
    usersPerGroup: upg,
    itemsPerBlock: ipb,
    coldPerBlock: cpb,
    nUsers,
    nItems,
    train: csrFromTriples(createTriples(us, is), nUsers, nItems),
    ratings: csrFromTriples(createTriples(ru, ri, rv), nUsers, nItems),
    heldOut,
    groupOfUser,
    blockOfItem,
    coldItems,
    features,
  };
}
