/**
 * Background warm-up of the catalog's thumbnails so the catalog shows pictures offline. The requests go
 * through the service worker, whose CacheFirst rule (caching.ts) stores them; this module only decides
 * what to fetch and paces it: small batches, a pause between batches, stop when offline or aborted.
 */

export interface WarmOptions {
  fetch?: (url: string) => Promise<Response>;
  /** Already cached? Those are skipped without a request (e.g. `caches.match`). */
  isCached?: (url: string) => Promise<boolean>;
  batchSize?: number;
  pauseMs?: number;
  signal?: AbortSignal;
  /** Checked before each batch; false stops the warm-up (e.g. the browser went offline). */
  shouldContinue?: () => boolean;
  /** Awaited before each batch: e.g. until the shopper stops interacting (quiet.ts). */
  beforeBatch?: () => Promise<void>;
  onProgress?: (done: number, total: number) => void;
}

export interface WarmReport {
  total: number;
  fetched: number;
  alreadyCached: number;
  failed: number;
  /** True when all URLs were handled (not stopped early). */
  complete: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Fetches `urls` in batches; failures are counted, never thrown. */
export async function warmUrls(urls: readonly string[], options: WarmOptions = {}): Promise<WarmReport> {
  const doFetch = options.fetch ?? ((url: string) => fetch(url));
  const batchSize = Math.max(1, options.batchSize ?? 6);
  const report: WarmReport = { total: urls.length, fetched: 0, alreadyCached: 0, failed: 0, complete: false };
  for (let start = 0; start < urls.length; start += batchSize) {
    await options.beforeBatch?.();
    if (options.signal?.aborted || (options.shouldContinue && !options.shouldContinue())) return report;
    const batch = urls.slice(start, start + batchSize);
    await Promise.all(
      batch.map(async (url) => {
        try {
          if (options.isCached && (await options.isCached(url))) {
            report.alreadyCached += 1;
            return;
          }
          const response = await doFetch(url);
          // Read the body so the service worker finishes writing it to the cache.
          await response.arrayBuffer();
          if (response.ok) report.fetched += 1;
          else report.failed += 1;
        } catch {
          report.failed += 1;
        }
      }),
    );
    options.onProgress?.(Math.min(start + batchSize, urls.length), urls.length);
    if (options.pauseMs && start + batchSize < urls.length) await sleep(options.pauseMs);
  }
  report.complete = true;
  return report;
}

/**
 * Same-origin picture URLs of a parsed catalog (`thumbnail`, falling back to `image`, or `image`),
 * resolved against the catalog's URL as the catalog format specifies, deduplicated. Tolerant of
 * malformed input: the catalog is validated elsewhere, this only needs the strings.
 */
export function catalogPictureUrls(
  catalog: unknown,
  catalogUrl: string,
  kind: 'thumbnail' | 'image' = 'thumbnail',
): string[] {
  const items = (catalog as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return [];
  const origin = new URL(catalogUrl).origin;
  const seen = new Set<string>();
  for (const item of items as Array<Record<string, unknown>>) {
    const raw = kind === 'thumbnail' ? (item?.thumbnail ?? item?.image) : item?.image;
    if (typeof raw !== 'string' || raw.length === 0) continue;
    let resolved: URL;
    try {
      resolved = new URL(raw, catalogUrl);
    } catch {
      continue;
    }
    // Nothing from third-party hosts: the service worker would not cache it anyway.
    if (resolved.origin === origin) seen.add(resolved.href);
  }
  return [...seen];
}

export interface WarmCatalogOptions extends WarmOptions {
  /** Absolute URL of catalog.json. */
  catalogUrl: string;
}

/** Fetches the catalog (cached by the service worker) and warms its thumbnails. */
export async function warmCatalogThumbnails(options: WarmCatalogOptions): Promise<WarmReport> {
  const doFetch = options.fetch ?? ((url: string) => fetch(url));
  const response = await doFetch(options.catalogUrl);
  if (!response.ok) throw new Error(`catalog ${options.catalogUrl}: HTTP ${response.status}`);
  const urls = catalogPictureUrls(await response.json(), options.catalogUrl, 'thumbnail');
  return warmUrls(urls, options);
}
