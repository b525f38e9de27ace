/// <reference lib="webworker" />
// The app's second feature worker: decodes, resizes and computes attributes while the engine worker runs
// the model, so on two cores neither waits for the other (src/worker/prep-client.ts spawns it).
import * as Comlink from 'comlink';
import { createBrowserDecoder } from '../engine/extract/decode';
import { createPrepApi } from './prep-api';

Comlink.expose(createPrepApi(createBrowserDecoder()));
