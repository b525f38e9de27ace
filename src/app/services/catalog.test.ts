import { describe, expect, it } from 'vitest';
import { CatalogValidationError } from '../../core/catalog/validate';
import { CatalogLoadError, catalogUrlFromLocation, loadCatalog } from './catalog';

const catalog = {
  schemaVersion: 1,
  name: 'Shop',
  features: 'features.bin',
  items: [{ id: 'a', title: 'A', category: 'Hat', image: 'images/a.png', thumbnail: '/t/a.webp', price: 5 }],
};

const respond = (body: string, init: ResponseInit = {}) =>
  (async () => new Response(body, { headers: { 'content-type': 'application/json' }, ...init })) as unknown as typeof fetch;

describe('catalogUrlFromLocation', () => {
  it('defaults to the demo catalog under the base URL', () => {
    expect(catalogUrlFromLocation('http://h:1/app/#/item/x', '/app/').href).toBe('http://h:1/app/generated/catalog/catalog.json');
  });

  it('accepts a same-origin override and refuses another origin', () => {
    expect(catalogUrlFromLocation('http://h:1/?catalog=fixtures/tiny/catalog.json', '/').href).toBe(
      'http://h:1/fixtures/tiny/catalog.json',
    );
    expect(() => catalogUrlFromLocation('http://h:1/?catalog=https://evil.example/c.json', '/')).toThrow(CatalogLoadError);
  });
});

describe('loadCatalog', () => {
  const url = new URL('http://h:1/shop/catalog.json');

  it('validates and resolves URLs against the catalog URL', async () => {
    const c = await loadCatalog(url, respond(JSON.stringify(catalog)));
    expect(c.items[0].image).toBe('http://h:1/shop/images/a.png');
    expect(c.items[0].thumbnail).toBe('http://h:1/t/a.webp');
    expect(c.features).toBe('http://h:1/shop/features.bin');
  });

  it('names the item and field of an invalid catalog', async () => {
    const bad = { ...catalog, items: [{ ...catalog.items[0], price: -1 }] };
    await expect(loadCatalog(url, respond(JSON.stringify(bad)))).rejects.toThrow(CatalogValidationError);
    await expect(loadCatalog(url, respond(JSON.stringify(bad)))).rejects.toThrow(/item "a" items\[0\]\.price/);
  });

  it('turns HTTP errors, HTML fallbacks, bad JSON and network errors into CatalogLoadError', async () => {
    await expect(loadCatalog(url, respond('', { status: 404 }))).rejects.toThrow(/HTTP 404/);
    await expect(loadCatalog(url, respond('<html>', { headers: { 'content-type': 'text/html' } }))).rejects.toThrow(/HTML page/);
    await expect(loadCatalog(url, respond('{oops'))).rejects.toThrow(/not valid JSON/);
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(loadCatalog(url, offline)).rejects.toThrow(CatalogLoadError);
  });
});
