import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeFeatureFile, encodeFeatureFile } from '../src/features/feature-file';
import { startStaticServer, type StaticServer } from './support/static-server';
// Types only: brings in the HTMLElementTagNameMap entry the widget ships for TypeScript users.
import type {} from '../src/widget/index';

/**
 * The widget on a partner page from another origin: the element and its engine are served from
 * WIDGET_PORT (with CORS), the partner shop and its catalog from PARTNER_PORT.
 */
const WIDGET_PORT = Number(process.env.GLIMPSE_WIDGET_PORT ?? 4207);
const PARTNER_PORT = Number(process.env.GLIMPSE_PARTNER_PORT ?? 4217);
const root = resolve(import.meta.dirname, '..');

let widget: StaticServer;
let partner: StaticServer;

/**
 * Feature files the spec makes from the tiny fixture catalog with the CLI (`npm run features`), as a partner
 * would: one with PCA, and a copy that claims an older MobileNetV2 version. Skipped when up to date (stamp).
 */
const GENERATED = resolve(root, '.cache/e2e-widget');
const TINY_FEATURES = 'tiny-pca8.glff';
const OLD_FEATURES = 'tiny-old-extractor.glff';

function makeFeatureFiles(): void {
  mkdirSync(GENERATED, { recursive: true });
  const out = resolve(GENERATED, TINY_FEATURES);
  execFileSync(process.execPath, [resolve(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/features/index.ts',
    '--catalog', 'public/fixtures/tiny/catalog.json', '--out', out, '--pca', '8'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const file = decodeFeatureFile(new Uint8Array(readFileSync(out)));
  const space = file.meta!.space as { base: { version: number } };
  const old = { ...file, meta: { ...file.meta, space: { ...space, base: { ...space.base, version: space.base.version - 1 } } } };
  writeFileSync(resolve(GENERATED, OLD_FEATURES), encodeFeatureFile(old));
}

test.beforeAll(async () => {
  if (!existsSync(resolve(root, 'dist-widget/glimpse-recs.js'))) throw new Error('dist-widget/ missing: run `npm run build:widget` first');
  makeFeatureFiles();
  // The widget origin also serves the example images under /no-cors/ WITHOUT CORS headers (a misconfigured CDN).
  widget = await startStaticServer({
    root: resolve(root, 'dist-widget'), port: WIDGET_PORT, cors: true,
    noCorsPrefix: '/no-cors/', mounts: { '/no-cors/': resolve(root, 'examples/partner') },
  });
  partner = await startStaticServer({
    root: resolve(root, 'examples/partner'),
    port: PARTNER_PORT,
    rewrite: (html) => html.replaceAll('http://localhost:4207', widget.url),
    mounts: { '/host/': resolve(root, 'e2e/fixtures'), '/tiny/': resolve(root, 'public/fixtures/tiny'), '/gen/': GENERATED },
  });
});
test.afterAll(async () => {
  await widget?.close();
  await partner?.close();
});

/** Every request the page makes, to prove the widget sends nothing. */
function recordRequests(page: Page) {
  const requests: { method: string; url: string; body: string | null }[] = [];
  page.on('request', (r) => requests.push({ method: r.method(), url: r.url(), body: r.postData() }));
  return requests;
}

const ids = (page: Page) =>
  page.locator('glimpse-recs').evaluate((el) => (el as HTMLElementTagNameMap['glimpse-recs']).items.map((r) => r.item.id));

test('partner page on another origin embeds the widget, tracks purchases and gets personalised results', async ({ page }) => {
  const requests = recordRequests(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${partner.url}/`);
  const recs = page.locator('glimpse-recs');
  await expect(recs.locator('.card')).toHaveCount(4);
  await expect(recs.locator('.title')).toHaveText('Picked for you');
  // Cold start: the partner's own catalog order.
  expect(await ids(page)).toEqual(['red-tee-1', 'blue-dress-1', 'green-scarf-1', 'yellow-dress-1']);

  // The shopper buys two red items on the partner page.
  await page.locator('#shop .card[data-item-id="red-tee-1"] button').click();
  await expect(page.locator('#log')).toHaveText('Bought Red tee 1');
  await page.locator('#shop .card[data-item-id="red-dress-2"] button').click();
  await expect(page.locator('#log')).toHaveText('Bought Red dress 2');
  await page.locator('glimpse-recs').evaluate((el) => (el as HTMLElementTagNameMap['glimpse-recs']).refresh());
  const after = await ids(page);
  expect(after.slice(0, 2).sort()).toEqual(['red-scarf-3', 'red-tee-4']);
  expect(after).not.toContain('red-tee-1');
  await expect(recs.locator('.card').first().locator('.why')).toContainText('Because you bought Red');

  // A click on a card reaches the partner as a typed event.
  await recs.locator('.card').nth(1).locator('button').click();
  await expect(page.locator('#log')).toHaveText(new RegExp(`^Clicked ${after[1]} \\(#2\\): Because you bought Red`));

  // Reload: the profile lives in this origin's IndexedDB, namespaced by catalog.
  await page.reload();
  await expect(recs.locator('.card')).toHaveCount(4);
  await expect.poll(() => ids(page)).toEqual(after);
  const dbs = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(dbs).toContain('glimpse-widget:Atelier Example');

  expect(errors).toEqual([]);
  // Nothing but GETs of static files; nothing carries a body.
  for (const r of requests) {
    expect(r.method, r.url).toBe('GET');
    expect(r.body, r.url).toBeNull();
    expect(new URL(r.url).search, r.url).toBe('');
    expect([partner.url, widget.url, 'blob:'].some((o) => r.url.startsWith(o)), r.url).toBe(true);
  }
});

/** A bare partner page (other origin than the widget) with the widget script added the way partners do. */
async function bareHost(page: Page, script: 'module' | 'classic' = 'module') {
  await page.goto(`${partner.url}/host/widget-host.html`);
  if (script === 'module') await page.addScriptTag({ url: `${widget.url}/glimpse-recs.js`, type: 'module' });
  else await page.addScriptTag({ url: `${widget.url}/glimpse-recs.iife.js` });
  await page.waitForFunction(() => !!customElements.get('glimpse-recs'));
}

type Outcome = { event: 'glimpse-ready' | 'glimpse-error'; detail: Record<string, unknown> };

/** Adds one element configured by attributes (and an optional inline catalog) and waits for ready or error. */
function mount(page: Page, attrs: Record<string, string>, catalogData?: unknown): Promise<Outcome> {
  return page.evaluate(({ attrs, catalogData }) => new Promise<Outcome>((done) => {
    const el = document.createElement('glimpse-recs');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (catalogData) el.catalogData = catalogData;
    el.addEventListener('glimpse-ready', (e) => done({ event: 'glimpse-ready', detail: JSON.parse(JSON.stringify(e.detail)) }));
    el.addEventListener('glimpse-error', (e) => {
      if (!e.detail.recoverable) done({ event: 'glimpse-error', detail: { ...e.detail } });
    });
    document.getElementById('mount')!.append(el);
  }), { attrs, catalogData });
}

const exampleJson = JSON.parse(readFileSync(resolve(root, 'examples/partner/catalog.json'), 'utf8')) as {
  schemaVersion: 1; name: string; items: { id: string; image: string; price: number }[];
};
/** The example catalog as an inline object: image URLs made absolute (inline data resolves against the page). */
const exampleCatalog = {
  ...exampleJson,
  items: exampleJson.items.map((it) => ({ ...it, image: `http://localhost:${PARTNER_PORT}/${it.image}` })),
};

test('host CSS does not leak in and widget CSS does not leak out', async ({ page }) => {
  await page.goto(`${partner.url}/host/widget-host.html`);
  // A probe in the host page that uses the widget's own class names, measured before the widget exists.
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<div id="probe" class="root card list title name price why"><button class="card-button">x</button></div>');
  });
  const snapshot = () => page.evaluate(() => {
    const pick = (el: Element) => {
      const cs = getComputedStyle(el);
      return [cs.color, cs.fontSize, cs.fontFamily, cs.margin, cs.padding, cs.display, cs.background, cs.borderRadius, cs.cursor, cs.listStyleType].join('|');
    };
    return [pick(document.getElementById('probe')!), pick(document.querySelector('#probe button')!)];
  });
  const before = await snapshot();
  await page.addScriptTag({ url: `${widget.url}/glimpse-recs.js`, type: 'module' });
  await page.addStyleTag({ content: '#mount * { color: rgb(255, 0, 0) !important; font-size: 40px; font-family: monospace !important; } .title, .name { text-transform: uppercase !important; }' });
  const outcome = await mount(page, { catalog: `${partner.url}/catalog.json`, count: '3' });
  expect(outcome.event).toBe('glimpse-ready');
  const inside = await page.locator('glimpse-recs').evaluate((el) => {
    const root = el.shadowRoot!;
    const name = getComputedStyle(root.querySelector('.name')!);
    const title = getComputedStyle(root.querySelector('.title')!);
    return { nameColor: name.color, nameSize: name.fontSize, nameFont: name.fontFamily, nameTransform: name.textTransform, titleColor: title.color, titleTransform: title.textTransform };
  });
  expect(inside.nameColor).not.toBe('rgb(255, 0, 0)');
  expect(inside.titleColor).not.toBe('rgb(255, 0, 0)');
  expect(inside.nameSize).toBe('14px');
  expect(inside.nameFont).not.toContain('monospace');
  expect(inside.nameTransform).toBe('none');
  expect(inside.titleTransform).toBe('none');
  // Theming is by documented custom properties, which do cross the boundary on purpose.
  await page.locator('glimpse-recs').evaluate((el) => (el as HTMLElement).style.setProperty('--glimpse-accent', 'rgb(1, 2, 3)'));
  await expect.poll(() => page.locator('glimpse-recs').evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('.price')!).color)).toBe('rgb(1, 2, 3)');
  expect(await snapshot()).toEqual(before);
});

test('adding and removing the element 20 times leaks no workers, object URLs, channels or connections; re-connect works', async ({ page }) => {
  await page.addInitScript(() => {
    const counts = { workers: 0, terminated: 0, urls: 0, revoked: 0, channels: 0, closed: 0 };
    (window as unknown as { __counts: typeof counts }).__counts = counts;
    const NativeWorker = window.Worker;
    window.Worker = class extends NativeWorker {
      constructor(url: string | URL, opts?: WorkerOptions) { super(url, opts); counts.workers++; }
      override terminate() { counts.terminated++; super.terminate(); }
    };
    const NativeChannel = window.BroadcastChannel;
    window.BroadcastChannel = class extends NativeChannel {
      constructor(name: string) { super(name); counts.channels++; }
      override close() { counts.closed++; super.close(); }
    };
    const create = URL.createObjectURL.bind(URL), revoke = URL.revokeObjectURL.bind(URL);
    URL.createObjectURL = (o) => { counts.urls++; return create(o); };
    URL.revokeObjectURL = (u) => { counts.revoked++; revoke(u); };
  });
  await bareHost(page);
  const counts = () => page.evaluate(() => ({ ...(window as unknown as { __counts: Record<string, number> }).__counts }));
  // A three-item catalog keeps 20 full load cycles quick; it lives in the same origin and database namespace.
  const small = { ...exampleCatalog, items: exampleCatalog.items.slice(0, 3) };
  for (let i = 0; i < 20; i++) {
    const outcome = await mount(page, { count: '2' }, small);
    expect(outcome.event, JSON.stringify(outcome.detail)).toBe('glimpse-ready');
    await page.evaluate(() => document.querySelector('glimpse-recs')!.remove());
  }
  await expect.poll(counts).toMatchObject({ workers: 20, terminated: 20, urls: 20, revoked: 20, channels: 20, closed: 20 });

  // Re-connecting the same element starts a fresh engine and shows results again.
  const outcome = await mount(page, { catalog: `${partner.url}/catalog.json`, count: '2' });
  expect(outcome.event).toBe('glimpse-ready');
  const again = await page.evaluate(() => new Promise<number>((done) => {
    const el = document.querySelector('glimpse-recs')!;
    el.remove();
    el.addEventListener('glimpse-ready', () => done(el.items.length), { once: true });
    document.getElementById('mount')!.append(el);
  }));
  expect(again).toBe(2);
  await page.evaluate(() => document.querySelector('glimpse-recs')!.remove());
  await expect.poll(counts).toMatchObject({ workers: 22, terminated: 22 });

  // No connection is left open: a schema upgrade of the widget's database is not blocked.
  const blocked = await page.evaluate(async (name) => {
    const current = (await indexedDB.databases()).find((d) => d.name === name)!.version!;
    return new Promise<boolean>((done) => {
      const req = indexedDB.open(name, current + 1);
      req.onblocked = () => done(true);
      req.onsuccess = () => { req.result.close(); indexedDB.deleteDatabase(name); done(false); };
    });
  }, `glimpse-widget:${exampleCatalog.name}`);
  expect(blocked).toBe(false);
});

test('images without CORS headers give a clear error naming the fix; the readable ones still work', async ({ page }) => {
  await bareHost(page);
  const crossOrigin = (id: string) => `${widget.url}/no-cors/images/${id}.png`;
  const allBlocked = { ...exampleCatalog, name: 'No CORS shop', items: exampleCatalog.items.slice(0, 3).map((it) => ({ ...it, image: crossOrigin(it.id) })) };
  const fatal = await mount(page, {}, allBlocked);
  expect(fatal.event).toBe('glimpse-error');
  expect(fatal.detail).toMatchObject({ code: 'image-cors', itemId: exampleCatalog.items[0].id, field: 'image' });
  expect(String(fatal.detail.fix)).toContain('Access-Control-Allow-Origin');
  expect(String(fatal.detail.fix)).toContain('same origin as the page');
  expect(String(fatal.detail.fix)).toContain('precomputed feature file');
  await expect(page.locator('glimpse-recs .status')).toContainText('Recommendations are unavailable');
  await page.evaluate(() => document.querySelector('glimpse-recs')!.remove());

  // One bad image among good ones: a recoverable glimpse-error, and the widget works without that item.
  const mixed = { ...exampleCatalog, name: 'Mixed shop', items: exampleCatalog.items.map((it, i) => (i === 1 ? { ...it, image: crossOrigin(it.id) } : it)) };
  const warnings = page.evaluate(() => new Promise<Record<string, unknown>>((done) =>
    document.addEventListener('glimpse-error', (e) => done({ ...(e as CustomEvent).detail }), { once: true })));
  const ok = await mount(page, { count: '20' }, mixed);
  expect(ok.event).toBe('glimpse-ready');
  expect(await warnings).toMatchObject({ code: 'image-cors', itemId: exampleCatalog.items[1].id, recoverable: true });
  expect((ok.detail.catalog as { skipped: number }).skipped).toBe(1);
  expect(await ids(page)).not.toContain(exampleCatalog.items[1].id);
});

test('an invalid partner catalog is reported with the item and field named', async ({ page }) => {
  await bareHost(page);
  const bad = { ...exampleCatalog, items: exampleCatalog.items.map((it, i) => (i === 2 ? { ...it, price: -5 } : it)) };
  const outcome = await mount(page, {}, bad);
  expect(outcome).toMatchObject({ event: 'glimpse-error', detail: { code: 'catalog-invalid', field: 'items[2].price', itemId: exampleCatalog.items[2].id } });
  expect(String(outcome.detail.message)).toContain(`item "${exampleCatalog.items[2].id}" items[2].price`);
});

test('classic script build, double-define guard, similar mode, zh-CN and dark theme', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await bareHost(page, 'classic');
  // A second copy of the widget (the ES module) on the same page must not throw "already defined".
  await page.addScriptTag({ url: `${widget.url}/glimpse-recs.js`, type: 'module' });
  const outcome = await mount(page, { catalog: `${partner.url}/catalog.json`, mode: 'similar', 'item-id': 'red-tee-1', count: '3', locale: 'zh-CN', theme: 'dark' });
  expect(outcome.event, JSON.stringify(outcome.detail)).toBe('glimpse-ready');
  const recs = page.locator('glimpse-recs');
  await expect(recs.locator('.title')).toHaveText('相似商品');
  const first3 = await ids(page);
  // MobileNetV2 + attributes: the other red tee first (same colour and kind), then items sharing one of the two.
  expect(first3[0]).toBe('red-tee-4');
  expect(first3.every((id) => id.startsWith('red-') || id.includes('-tee-')), first3.join()).toBe(true);
  await expect(recs.locator('.why').first()).toContainText('与「Red tee 1」相似');
  expect(await recs.evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('.root')!).backgroundColor)).toBe('rgb(22, 24, 28)');
  // Attribute and property stay mirrored; a bad attribute is reported, not thrown.
  const mirrored = await recs.evaluate((el) => {
    (el as HTMLElementTagNameMap['glimpse-recs']).count = 2;
    return el.getAttribute('count');
  });
  expect(mirrored).toBe('2');
  await expect(recs.locator('.card')).toHaveCount(2);
  const bad = await recs.evaluate((node) => new Promise<Record<string, unknown>>((done) => {
    const el = node as HTMLElementTagNameMap['glimpse-recs'];
    el.addEventListener('glimpse-error', (e) => done({ ...e.detail }), { once: true });
    el.setAttribute('mode', 'psychic');
  }));
  expect(bad).toMatchObject({ code: 'bad-attribute', field: 'mode' });
  expect(errors).toEqual([]);
});

test('the shared MobileNetV2 extractor runs on the device (backend chosen by measurement) and leaks no tensors', async ({ page }) => {
  const requests = recordRequests(page);
  await bareHost(page);
  const catalog = { ...exampleCatalog, name: 'Tensor shop', items: exampleCatalog.items.slice(0, 4) };
  // Drives the worker engine the element uses, through the module's public createWorkerEngine (stats() is the hook).
  const r = await page.evaluate(async ({ widgetUrl, catalog }) => {
    const m = (await import(`${widgetUrl}/glimpse-recs.js`)) as typeof import('../src/widget/index');
    const engine = m.createWorkerEngine(`${widgetUrl}/`);
    const summary = await engine.loadCatalog({ data: catalog, baseUrl: location.href });
    const baseline = (await engine.stats()).tensors;
    const photo = await (await fetch(catalog.items[2].image)).blob();
    const firstByPhoto: string[] = [];
    for (let i = 0; i < 5; i++) {
      firstByPhoto.push((await engine.recommend({ mode: 'by-photo', count: 3, photo }))[0].item.id);
      await engine.recommend({ mode: 'similar', itemId: catalog.items[0].id, count: 3 });
      await engine.track({ kind: 'like', itemId: catalog.items[i % 4].id, at: Date.now() });
      await engine.recommend({ mode: 'for-you', count: 3 });
    }
    const after = (await engine.stats()).tensors;
    const similar = (await engine.recommend({ mode: 'similar', itemId: catalog.items[0].id, count: 3 })).map((x) => x.item.id);
    await engine.dispose();
    // The next page view (a new engine): vectors come from this shop's IndexedDB, the model is not even loaded.
    const next = m.createWorkerEngine(`${widgetUrl}/`);
    const again = await next.loadCatalog({ data: catalog, baseUrl: location.href });
    const nextTensors = (await next.stats()).tensors;
    const similarAgain = (await next.recommend({ mode: 'similar', itemId: catalog.items[0].id, count: 3 })).map((x) => x.item.id);
    await next.dispose();
    return {
      vision: summary.vision, extractor: summary.extractor, baseline, after, released: engine.released(), firstByPhoto,
      similar, again: again.vision, nextTensors, similarAgain,
    };
  }, { widgetUrl: widget.url, catalog });
  expect(r.extractor).toMatch(/^widget-hybrid\(mobilenet-v2-imagenet-gap@\d+\+glimpse-attributes@\d+\)@\d+$/);
  expect(r.vision).toMatchObject({ mode: 'cnn+attributes', backend: 'wasm' });
  expect(r.vision.reason).toContain('fastest measured');
  // The model's weights are live tensors; 15 recommendations (5 through the CNN) and 5 events add none.
  expect(r.baseline).toBeGreaterThan(50);
  expect(r.after).toBe(r.baseline);
  expect(r.released?.tensors).toBe(0);
  // A shopper's photo of a catalog item finds that item first.
  expect(r.firstByPhoto).toEqual(Array(5).fill(catalog.items[2].id));
  // Cached features: same ranking, no model, no tensors.
  expect(r.again).toMatchObject({ mode: 'cnn+attributes', reason: expect.stringContaining('cached on this device') });
  expect(r.nextTensors).toBe(0);
  expect(r.similarAgain).toEqual(r.similar);
  // Lazy and lean: the worker fetched TF.js, the wasm backend and the model from the widget's origin, and no
  // GPU backend chunk (software GPUs are rejected before their code is downloaded).
  const fetched = requests.map((q) => q.url).filter((u) => u.startsWith(widget.url)).map((u) => new URL(u).pathname);
  for (const f of [/^\/glimpse-vision\.js$/, /^\/vision\/tfjs-core-/, /^\/vision\/tfjs-backend-wasm-/, /^\/engine\/tfjs-backend-wasm-simd\.wasm$/, /^\/engine\/mobilenet-v2\.tflite$/]) {
    expect(fetched.some((p) => f.test(p)), `${f} in ${fetched.join(', ')}`).toBe(true);
  }
  expect(fetched.filter((p) => /webgl|webgpu/.test(p))).toEqual([]);
});

test('when the model cannot load, the element keeps working on attributes and says so', async ({ page, context }) => {
  await context.route('**/glimpse-vision.js', (route) => route.abort());
  await bareHost(page);
  const small = { ...exampleCatalog, name: 'No model shop', items: exampleCatalog.items.slice(0, 4) };
  const outcome = await mount(page, { count: '3' }, small);
  expect(outcome.event, JSON.stringify(outcome.detail)).toBe('glimpse-ready');
  const catalog = outcome.detail.catalog as { extractor: string; vision: { mode: string; fallback?: boolean; reason: string } };
  expect(catalog.extractor).toMatch(/^glimpse-attributes@/);
  expect(catalog.vision).toMatchObject({ mode: 'attributes', fallback: true });
  expect(catalog.vision.reason).toContain('could not load');
  const recs = page.locator('glimpse-recs');
  await expect(recs.locator('.card')).toHaveCount(3);
  await expect(recs.locator('.status')).toHaveText('Matching by colour, texture and shape only: the visual model could not load on this device.');
});

test('a feature file made by the CLI ranks without the model; photos and new items join its space; a mismatched file is refused', async ({ page }) => {
  const requests = recordRequests(page);
  await bareHost(page);
  const modelRequests = () => requests.map((r) => r.url).filter((u) => /glimpse-vision\.js|\/vision\/|\.tflite|\.wasm/.test(u));
  const tiny = `${partner.url}/tiny/catalog.json`;
  const features = `${partner.url}/gen/${TINY_FEATURES}`;
  const recs = page.locator('glimpse-recs');

  // 1. The partner names the CLI's file: every item comes from it, so ranking needs no model at all.
  const ready = await mount(page, { catalog: tiny, features, mode: 'similar', 'item-id': 'red-t-shirt', count: '4' });
  expect(ready.event, JSON.stringify(ready.detail)).toBe('glimpse-ready');
  const summary = ready.detail.catalog as { features: string; items: number; skipped: number; extractor: string; vision: { mode: string } };
  expect(summary).toMatchObject({ features: 'precomputed', items: 24, skipped: 0, vision: { mode: 'cnn+attributes' } });
  expect(summary.extractor).toMatch(/^widget-hybrid\(mobilenet-v2-imagenet-gap\+centred\+pca8@\d+\+glimpse-attributes@\d+\)@\d+$/);
  const similar = await ids(page);
  expect(similar).not.toContain('red-t-shirt');
  // The nearest item shares the anchor's colour or its kind (the file's CNN block and attributes both count).
  expect(['blue-t-shirt', 'green-striped-t-shirt', 'red-shoes', 'red-striped-hat']).toContain(similar[0]);
  await recs.evaluate((el) => (el as HTMLElementTagNameMap['glimpse-recs']).track({ kind: 'purchase', itemId: 'black-dress' }));
  await recs.evaluate((el) => { el.setAttribute('mode', 'for-you'); el.removeAttribute('item-id'); });
  await expect(recs.locator('.why').first()).toContainText('Because you bought Black Dress');
  expect(await ids(page)).not.toContain('black-dress');
  expect(modelRequests()).toEqual([]);

  // 2. A shopper's photo is extracted on the device (the model loads now) and projected into the file's space.
  await recs.evaluate(async (el, url) => {
    const e = el as HTMLElementTagNameMap['glimpse-recs'];
    e.photo = await (await fetch(url)).blob();
    e.setAttribute('mode', 'by-photo');
  }, `${partner.url}/tiny/images/orange-striped-dress.png`);
  await expect.poll(() => ids(page).then((x) => x[0]), { timeout: 60_000 }).toBe('orange-striped-dress');
  expect(modelRequests().some((u) => u.endsWith('/engine/mobilenet-v2.tflite'))).toBe(true);
  await page.evaluate(() => document.querySelector('glimpse-recs')!.remove());

  // 3. An item the file lacks is extracted on the device into the same space: a copy of a photo finds its twin.
  const tinyJson = JSON.parse(readFileSync(resolve(root, 'public/fixtures/tiny/catalog.json'), 'utf8')) as { items: { id: string; image: string; thumbnail?: string }[] };
  const absolute = (p: string) => `${partner.url}/tiny/${p}`;
  const items = tinyJson.items.map((it) => ({ ...it, image: absolute(it.image), ...(it.thumbnail ? { thumbnail: absolute(it.thumbnail) } : {}) }));
  const twin = { ...items.find((it) => it.id === 'purple-hat')!, id: 'purple-hat-new', title: 'Purple Hat (new)' };
  const grown = await mount(page, { features, mode: 'similar', 'item-id': 'purple-hat-new', count: '3' }, { ...tinyJson, items: [...items, twin] });
  expect(grown.event, JSON.stringify(grown.detail)).toBe('glimpse-ready');
  expect(grown.detail.catalog).toMatchObject({ features: 'precomputed', items: 25, skipped: 0 });
  expect((await ids(page))[0]).toBe('purple-hat');
  await page.evaluate(() => document.querySelector('glimpse-recs')!.remove());

  // The committed fixture file (`npm run features:tiny`: no PCA, int8) is accepted as well (the app's unit tests load it too).
  const fixture = await mount(page, { catalog: tiny, features: `${partner.url}/tiny/features.glff`, count: '2' });
  expect(fixture.event, JSON.stringify(fixture.detail)).toBe('glimpse-ready');
  expect(fixture.detail.catalog).toMatchObject({ features: 'precomputed', items: 24, extractor: expect.stringContaining('mobilenet-v2-imagenet-gap+centred@') });
  await page.evaluate(() => document.querySelector('glimpse-recs')!.remove());

  // 4. A file from another MobileNetV2 version, or made for another catalog, is refused with the fix named.
  for (const [attrs, reason] of [
    [{ catalog: tiny, features: `${partner.url}/gen/${OLD_FEATURES}` }, /made by mobilenet-v2-imagenet-gap@\d+ .*this version runs/],
    [{ catalog: `${partner.url}/catalog.json`, features }, /made for the catalog "Glimpse tiny test catalog", not "Atelier Example"/],
  ] as const) {
    const refused = await mount(page, attrs);
    expect(refused.event).toBe('glimpse-error');
    expect(refused.detail).toMatchObject({ code: 'features-invalid', field: 'features' });
    expect(String(refused.detail.message)).toMatch(reason);
    expect(String(refused.detail.message)).toContain('npm run features -- --catalog');
    await page.evaluate(() => document.querySelector('glimpse-recs')!.remove());
  }

  // Still nothing but GETs of static files from the two origins.
  for (const r of requests) {
    expect(r.method, r.url).toBe('GET');
    expect(r.body, r.url).toBeNull();
    expect(new URL(r.url).search, r.url).toBe('');
    expect([partner.url, widget.url, 'blob:'].some((o) => r.url.startsWith(o)), r.url).toBe(true);
  }
});
