export * from './rank';
export * from './mmr';
export * from './similar';
export * from './explain';
export * from './factor-index';
