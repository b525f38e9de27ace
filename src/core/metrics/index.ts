export * from './ranking';
export * from './beyond-accuracy';
export * from './rating';
