export * from './decay';
export * from './preferences';
export * from './taste';
export * from './profile';
export * from './score';
