// The Node CLIs' prep thread: decodes (sharp), resizes and computes attributes while the main thread runs
// the model; the same API as the browser's prep worker (src/worker/prep-api.ts).
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { createPrepApi } from '../../src/worker/prep-api';
import { createNodeDecoder } from './node-decoder';

if (!parentPort) throw new Error('prep-thread.ts runs as a worker thread');
Comlink.expose(createPrepApi(createNodeDecoder()), nodeEndpoint(parentPort));
