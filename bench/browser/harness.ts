import { paramsFromQuery, runHarness, type HarnessResult } from './run';

/**
 * bench.html: extracts features of a few images with the backend from `?backend=` (or auto), on the main
 * thread or, with `?worker=1`, in a Web Worker, and exposes the result as `window.__glimpseHarness` for
 * Playwright and the browser benchmark.
 */
declare global {
  interface Window {
    __glimpseHarness?: HarnessResult;
  }
}

async function main(): Promise<void> {
  const params = paramsFromQuery(location.search);
  const out = document.getElementById('out')!;
  out.textContent = `running (${params.backend}, ${params.images.join(', ')})...`;
  let result: HarnessResult;
  if (new URLSearchParams(location.search).get('worker') === '1') {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    result = await new Promise<HarnessResult>((resolve) => {
      worker.onmessage = (e: MessageEvent<HarnessResult>) => resolve(e.data);
      worker.onerror = (e) => resolve({ status: 'error', where: 'worker', error: e.message || 'worker failed to start' });
      worker.postMessage(params);
    });
    worker.terminate();
  } else result = await runHarness(params, 'main');
  window.__glimpseHarness = result;
  out.textContent = JSON.stringify(
    { ...result, items: result.items?.map((i) => ({ ...i, embedding: i.embedding ? `[${i.embedding.length}]` : undefined })) },
    null,
    2,
  );
}

void main();
