import { describe, expect, it, vi } from 'vitest';
import { catalogPictureUrls, warmCatalogThumbnails, warmUrls } from './warm-cache';

const CATALOG_URL = 'http://localhost:4206/generated/catalog/catalog.json';

describe('catalogPictureUrls', () => {
  it('resolves against the catalog URL, prefers thumbnails, dedupes and drops third-party hosts', () => {
    const catalog = {
      items: [
        { id: 'a', image: 'images/a.jpg', thumbnail: 'thumbs/a.webp' },
        { id: 'b', image: 'images/b.jpg' },
        { id: 'c', image: '/generated/catalog/images/c.jpg', thumbnail: 'thumbs/a.webp' },
        { id: 'd', image: 'https://cdn.example.com/d.jpg' },
        { id: 'e', image: 42 },
      ],
    };
    expect(catalogPictureUrls(catalog, CATALOG_URL)).toEqual([
      'http://localhost:4206/generated/catalog/thumbs/a.webp',
      'http://localhost:4206/generated/catalog/images/b.jpg',
    ]);
    expect(catalogPictureUrls(catalog, CATALOG_URL, 'image')).toEqual([
      'http://localhost:4206/generated/catalog/images/a.jpg',
      'http://localhost:4206/generated/catalog/images/b.jpg',
      'http://localhost:4206/generated/catalog/images/c.jpg',
    ]);
  });

  it('returns nothing for malformed catalogs', () => {
    expect(catalogPictureUrls(null, CATALOG_URL)).toEqual([]);
    expect(catalogPictureUrls({ items: 'x' }, CATALOG_URL)).toEqual([]);
  });
});

describe('warmUrls', () => {
  const urls = Array.from({ length: 14 }, (_, i) => `http://x/${i}`);

  it('fetches in batches no larger than batchSize and counts outcomes', async () => {
    let inFlight = 0;
    let peak = 0;
    const fetch = vi.fn(async (url: string) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight -= 1;
      if (url.endsWith('/3')) throw new TypeError('network');
      return new Response('x', { status: url.endsWith('/5') ? 404 : 200 });
    });
    const progress: number[] = [];
    const report = await warmUrls(urls, { fetch, batchSize: 4, onProgress: (done) => progress.push(done) });
    expect(peak).toBe(4);
    expect(fetch).toHaveBeenCalledTimes(14);
    expect(report).toEqual({ total: 14, fetched: 12, alreadyCached: 0, failed: 2, complete: true });
    expect(progress).toEqual([4, 8, 12, 14]);
  });

  it('skips cached URLs and stops when told to (offline) or aborted', async () => {
    const fetch = vi.fn(async () => new Response('x'));
    const cached = await warmUrls(urls, { fetch, isCached: async (u) => u.endsWith('0') });
    expect(cached.alreadyCached).toBe(2); // /0 and /10
    expect(fetch).toHaveBeenCalledTimes(12);

    let batches = 0;
    const stopped = await warmUrls(urls, { fetch: async () => new Response('x'), batchSize: 5, shouldContinue: () => batches++ < 1 });
    expect(stopped).toMatchObject({ fetched: 5, complete: false });

    const controller = new AbortController();
    controller.abort();
    expect(await warmUrls(urls, { fetch, signal: controller.signal })).toMatchObject({ fetched: 0, complete: false });
  });

  it('starts no batch before beforeBatch lets it (the shopper is using the page)', async () => {
    const fetched: string[] = [];
    const gates: (() => void)[] = [];
    const warming = warmUrls(urls.slice(0, 4), {
      fetch: async (u) => (fetched.push(u), new Response('x')),
      batchSize: 2,
      beforeBatch: () => new Promise<void>((open) => gates.push(open)),
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(fetched).toEqual([]);
    gates.shift()!();
    await vi.waitFor(() => expect(gates).toHaveLength(1));
    expect(fetched).toHaveLength(2);
    gates.shift()!();
    expect(await warming).toMatchObject({ fetched: 4, complete: true });
  });

  it('warmCatalogThumbnails reads the catalog then warms its thumbnails, and fails clearly without one', async () => {
    const requested: string[] = [];
    const fetch = async (url: string) => {
      requested.push(url);
      if (url === CATALOG_URL) return Response.json({ items: [{ image: 'images/1.jpg', thumbnail: 'thumbs/1.webp' }] });
      return new Response('img');
    };
    const report = await warmCatalogThumbnails({ catalogUrl: CATALOG_URL, fetch });
    expect(requested).toEqual([CATALOG_URL, 'http://localhost:4206/generated/catalog/thumbs/1.webp']);
    expect(report).toMatchObject({ total: 1, fetched: 1, complete: true });
    await expect(
      warmCatalogThumbnails({ catalogUrl: CATALOG_URL, fetch: async () => new Response('', { status: 404 }) }),
    ).rejects.toThrow('HTTP 404');
  });
});
