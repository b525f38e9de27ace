// Worker threads do not inherit tsx's loader (Node 20), so this plain-JS entry loads the TypeScript one.
import { tsImport } from 'tsx/esm/api';

await tsImport('./prep-thread.ts', import.meta.url);
