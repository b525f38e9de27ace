/// <reference lib="webworker" />
import { runHarness, type HarnessParams } from './run';

// The same extraction inside a dedicated module Worker: proves the engine needs no DOM.
self.onmessage = async (e: MessageEvent<HarnessParams>) => {
  (self as unknown as Worker).postMessage(await runHarness(e.data, 'worker'));
};
