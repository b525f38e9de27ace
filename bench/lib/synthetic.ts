import { createMatrix, type Matrix } from '../../src/core/linalg';
import { scoreWithParams, type ItemParams, type Recommender } from '../../src/core/models';
import { csrFromTriples, type CsrMatrix } from '../../src/core/data/csr';
import { createTriples } from '../../src/core/data/triples';
import { createRng } from '../../src/shared/random';

/**
 * Seeded synthetic inputs for the benchmarks: item tables shaped like the app's (VBPR public parameters:
 * 32 latent + 32 visual columns = 64-d, visual bias folded into b) and clustered interaction logs.
 */
export function syntheticItemParams(nItems: number, dims = 64, seed = 7): ItemParams {
  const rng = createRng(seed);
  const factors = createMatrix(nItems, dims);
  const f = factors.data;
  for (let k = 0; k < f.length; k++) f[k] = rng.next() - 0.5;
  const bias = new Float32Array(nItems);
  for (let i = 0; i < nItems; i++) bias[i] = (rng.next() - 0.5) * 0.1;
  const latent = dims >> 1;
  return {
    model: 'vbpr',
    factors,
    bias,
    regularization: 0.01,
    visual: {
      latentDims: latent,
      projection: createMatrix(1, dims - latent, new Float32Array(dims - latent).fill(0.01)),
      featureBias: new Float32Array(1),
    },
  };
}

export function syntheticVector(dims: number, seed = 11): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: dims }, () => rng.next() - 0.5);
}

/** Users in `groups` taste clusters, each interacting with `perUser` items mostly from its cluster's slice. */
export function syntheticInteractions(nUsers: number, nItems: number, perUser: number, seed = 3, groups = 8): CsrMatrix {
  const rng = createRng(seed);
  const users: number[] = [],
    items: number[] = [];
  const slice = Math.floor(nItems / groups);
  for (let u = 0; u < nUsers; u++) {
    const g = u % groups;
    for (let k = 0; k < perUser; k++) {
      users.push(u);
      items.push(rng.next() < 0.8 ? g * slice + rng.int(slice) : rng.int(nItems));
    }
  }
  return csrFromTriples(createTriples(users, items), nUsers, nItems);
}

export function syntheticFeatures(nItems: number, dims: number, seed = 5): Matrix {
  const rng = createRng(seed);
  const m = createMatrix(nItems, dims);
  // Post-ReLU-like embeddings: non-negative, about half zeros.
  for (let k = 0; k < m.data.length; k++) m.data[k] = Math.max(0, rng.next() - 0.5);
  return m;
}

/** A one-user recommender over fixed public item parameters: what the app ranks with after fold-in. */
export function paramsRecommender(params: ItemParams, user: Float32Array): Recommender {
  return {
    name: params.model,
    nUsers: 1,
    nItems: params.factors.rows,
    fit: () => {
      throw new Error('bench recommender is not trainable');
    },
    scoreUser: (_u, out) => scoreWithParams(params, user, out),
    scoreHistory: (_h, out) => scoreWithParams(params, user, out),
    // As BprModel/VbprModel: rank() takes large catalogs through the quantised FactorIndex.
    linearScores: () => ({ factors: params.factors, bias: params.bias, vector: user }),
  };
}

