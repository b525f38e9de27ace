export * from './interactions';
export * from './id-index';
export * from './triples';
export * from './csr';
export * from './sampler';
export * from './splits';
export * from './history';
export * from './text-features';
