import { describe, expect, it } from 'vitest';
import { GlimpseWidgetError } from '../types';
import { CORS_FIX, loadImagePixels } from './image-source';

const failing = (corsFails: boolean, noCorsFails: boolean): typeof fetch =>
  (async (_url: RequestInfo | URL, init?: RequestInit) => {
    if (init?.mode === 'cors' && corsFails) throw new TypeError('Failed to fetch');
    if (init?.mode === 'no-cors' && noCorsFails) throw new TypeError('Failed to fetch');
    return new Response(null, { status: init?.mode === 'cors' ? 404 : 200 });
  }) as typeof fetch;

async function codeOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return (e as GlimpseWidgetError).detail;
  }
  throw new Error('expected a failure');
}

describe('loadImagePixels errors', () => {
  it('an image that exists but lacks CORS headers gets image-cors with the fix', async () => {
    const d = await codeOf(loadImagePixels('https://cdn.test/a.jpg', 'a', 64, failing(true, false)));
    expect(d).toMatchObject({ code: 'image-cors', itemId: 'a', fix: CORS_FIX });
    expect(d.message).toContain('https://cdn.test/a.jpg');
    expect(d.fix).toMatch(/Access-Control-Allow-Origin.*same origin.*precomputed feature file/);
  });
  it('an unreachable image gets image-fetch', async () => {
    expect((await codeOf(loadImagePixels('https://x.test/a.jpg', 'a', 64, failing(true, true)))).code).toBe('image-fetch');
  });
  it('an HTTP error names the status', async () => {
    const d = await codeOf(loadImagePixels('https://x.test/a.jpg', 'b', 64, failing(false, false)));
    expect(d).toMatchObject({ code: 'image-fetch', itemId: 'b' });
    expect(d.message).toContain('404');
  });
});
