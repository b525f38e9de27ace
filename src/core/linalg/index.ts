export * from './errors';
export * from './vector';
export * from './matrix';
export * from './top-k';
export * from './solve';
export * from './projection';
