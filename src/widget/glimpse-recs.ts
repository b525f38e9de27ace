import { isInteractionKind } from '../core/data/interactions';
import { changeImpact, parseConfig, type AttributeProblem, type WidgetConfig } from './config';
import { explain, formatPrice, strings } from './i18n';
import { WIDGET_CSS } from './styles';
import {
  GlimpseWidgetError,
  type CatalogSource,
  type CatalogSummary,
  type GlimpseErrorDetail,
  type GlimpseItemClickDetail,
  type GlimpseReadyDetail,
  type GlimpseRecsEventMap,
  type RecommendedItem,
  type RecsEngine,
  type RecsMode,
  type RenderItem,
  type TrackEvent,
  type WidgetLocale,
  type WidgetTheme,
} from './types';

export type EngineFactory = () => RecsEngine;

const OBSERVED = ['catalog', 'features', 'mode', 'item-id', 'count', 'locale', 'theme'] as const;

function toDetail(err: unknown): GlimpseErrorDetail {
  if (err instanceof GlimpseWidgetError) return err.detail;
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'engine', message, fix: 'Reload the page; if it persists, report it with this message.' };
}

/**
 * `<glimpse-recs>`: private visual recommendations for any page. Framework-free; all work happens in the
 * engine behind the RecsEngine port (a Web Worker in the shipped build), nothing leaves the device.
 * Registered by define.ts (kept separate so importing the class never defines a tag).
 */
// The class + interface merge below only adds typed addEventListener overloads (the DOM's own pattern).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class GlimpseRecsElement extends HTMLElement {
  static readonly observedAttributes = OBSERVED;
  /** Creates the engine for each connected element. The widget entry installs the worker-backed engine. */
  static engineFactory: EngineFactory | null = null;

  /** Per-instance override of the engine factory (tests, or a page sharing one engine). */
  engineFactory: EngineFactory | null = null;

  #config: WidgetConfig;
  #catalogData: unknown = null;
  #photo: Blob | null = null;
  #photoUrl: string | null = null;
  #renderItem: RenderItem | null = null;

  #engine: RecsEngine | null = null;
  #unsubscribe: (() => void) | null = null;
  #loading: Promise<CatalogSummary | null> | null = null;
  #summary: CatalogSummary | null = null;
  #items: RecommendedItem[] = [];
  #error: GlimpseErrorDetail | null = null;
  #status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  /** Bumped on every load, refresh and disconnect: late answers from an older generation are dropped. */
  #generation = 0;
  #loadQueued = false;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;
  #reported = new Set<string>();

  #root: HTMLDivElement;
  #title: HTMLHeadingElement;
  #statusEl: HTMLParagraphElement;
  #list: HTMLOListElement;
  #photoRow: HTMLDivElement;
  #photoInput: HTMLInputElement;
  #photoPreview: HTMLImageElement;

  constructor() {
    super();
    this.#config = parseConfig((n) => this.getAttribute(n)).config;
    const shadow = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = WIDGET_CSS;
    this.#root = document.createElement('div');
    this.#root.className = 'root';
    this.#root.setAttribute('part', 'root');
    this.#root.innerHTML = `
      <div class="head"><h2 class="title" part="title"></h2><span class="privacy" part="privacy"></span></div>
      <div class="photo" part="photo" hidden>
        <button class="photo-button" type="button"></button>
        <input class="visually-hidden" type="file" accept="image/*" tabindex="-1" aria-hidden="true">
        <img class="photo-preview" alt="" hidden>
        <span class="photo-hint"></span>
      </div>
      <p class="status" part="status" role="status" aria-live="polite"></p>
      <ol class="list" part="list"></ol>`;
    shadow.append(style, this.#root);
    const q = <T extends Element>(sel: string) => this.#root.querySelector(sel) as T;
    this.#title = q('.title');
    this.#statusEl = q('.status');
    this.#list = q('.list');
    this.#photoRow = q('.photo');
    this.#photoInput = q('input[type=file]');
    this.#photoPreview = q('.photo-preview');
    q<HTMLButtonElement>('.photo-button').addEventListener('click', () => this.#photoInput.click());
    this.#photoInput.addEventListener('change', () => {
      const file = this.#photoInput.files?.[0];
      if (file) this.photo = file;
      this.#photoInput.value = '';
    });
    this.#list.addEventListener('click', (e) => this.#onListClick(e));
  }

  // ---- attributes mirrored to properties -------------------------------------------------------

  get catalog(): string | null { return this.getAttribute('catalog'); }
  set catalog(url: string | null) { this.#reflect('catalog', url); }
  /** An inline catalog object (same format as the JSON file); takes precedence over the `catalog` URL. */
  get catalogData(): unknown { return this.#catalogData; }
  set catalogData(data: unknown) {
    this.#catalogData = data ?? null;
    this.#resetCatalog();
  }
  /**
   * URL of a precomputed feature file (`npm run features -- --catalog <catalog.json>`), relative to the page;
   * overrides the catalog's own `features` field. A file for another catalog or Glimpse version is refused.
   */
  get features(): string | null { return this.getAttribute('features'); }
  set features(url: string | null) { this.#reflect('features', url); }
  get mode(): RecsMode { return this.#config.mode; }
  set mode(v: RecsMode) { this.#reflect('mode', v); }
  get itemId(): string | null { return this.#config.itemId; }
  set itemId(v: string | null) { this.#reflect('item-id', v); }
  get count(): number { return this.#config.count; }
  set count(v: number) { this.#reflect('count', String(v)); }
  get locale(): WidgetLocale { return this.#config.locale; }
  set locale(v: WidgetLocale) { this.#reflect('locale', v); }
  get theme(): WidgetTheme { return this.#config.theme; }
  set theme(v: WidgetTheme) { this.#reflect('theme', v); }

  /** The shopper's photo for mode="by-photo" (also set by the built-in picker). Never leaves the device. */
  get photo(): Blob | null { return this.#photo; }
  set photo(blob: Blob | null) {
    if (this.#photoUrl) URL.revokeObjectURL(this.#photoUrl);
    this.#photoUrl = null;
    this.#photo = blob;
    if (blob && this.isConnected) this.#photoUrl = URL.createObjectURL(blob);
    this.#renderPhoto();
    if (this.#config.mode === 'by-photo') this.#scheduleRefresh(0);
  }

  /** Card hook: return a Node to use as the body of each card (the click handling stays the widget's). */
  get renderItem(): RenderItem | null { return this.#renderItem; }
  set renderItem(fn: RenderItem | null) {
    this.#renderItem = fn;
    this.#render();
  }

  /** The recommendations on screen, best first. */
  get items(): readonly RecommendedItem[] { return this.#items; }
  /** The loaded catalog (name, size, where its features came from), or null before glimpse-ready. */
  get catalogInfo(): CatalogSummary | null { return this.#summary; }
  get status(): 'idle' | 'loading' | 'ready' | 'error' { return this.#status; }

  #reflect(name: string, value: string | null): void {
    if (value === null || value === undefined) this.removeAttribute(name);
    else this.setAttribute(name, value);
  }

  attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void {
    if (oldValue === newValue) return;
    if (name === 'catalog' || name === 'features') {
      if (name === 'catalog') this.#catalogData = null;
      this.#resetCatalog();
      return;
    }
    const before = this.#config;
    const parsed = parseConfig((n) => this.getAttribute(n));
    this.#config = parsed.config;
    this.#reportProblems(parsed.problems);
    const impact = changeImpact(before, this.#config);
    if (impact === 'rank' && this.#summary) this.#scheduleRefresh(0);
    else this.#render();
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  connectedCallback(): void {
    this.#reportProblems(parseConfig((n) => this.getAttribute(n)).problems);
    if (this.#photo && !this.#photoUrl) this.#photoUrl = URL.createObjectURL(this.#photo);
    this.#render();
    this.#queueLoad();
  }

  disconnectedCallback(): void {
    // Everything this element holds is released here; a later re-connect starts from scratch.
    this.#generation++;
    if (this.#refreshTimer !== null) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = null;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    const engine = this.#engine;
    this.#engine = null;
    this.#loading = null;
    this.#summary = null;
    this.#status = 'idle';
    if (this.#photoUrl) URL.revokeObjectURL(this.#photoUrl);
    this.#photoUrl = null;
    this.#reported.clear();
    void engine?.dispose();
  }

  // ---- public API ------------------------------------------------------------------------------

  /** Records something the shopper did on the partner's page (view, add-to-cart, purchase, like, dismiss…). */
  async track(event: TrackEvent): Promise<void> {
    if (!event || !isInteractionKind(event.kind) || typeof event.itemId !== 'string' || !event.itemId) {
      const detail: GlimpseErrorDetail = {
        code: 'bad-event',
        message: `track() needs { kind, itemId }; got ${JSON.stringify(event)}`,
        fix: 'kind is one of view, dwell, like, save, add-to-cart, purchase, rating, dismiss, not-interested; itemId is a catalog item id.',
      };
      this.#dispatchError(detail);
      throw new GlimpseWidgetError(detail);
    }
    const summary = await this.#ensureLoaded();
    if (!summary || !this.#engine) {
      throw new GlimpseWidgetError(this.#error ?? { code: 'engine', message: 'The element is not connected or has no catalog.', fix: 'Add the element to the page with a catalog before calling track().' });
    }
    try {
      await this.#engine.track({ kind: event.kind, itemId: event.itemId, at: event.at ?? Date.now(), ...(event.value !== undefined ? { value: event.value } : {}) });
    } catch (err) {
      this.#dispatchError(toDetail(err));
      throw err;
    }
  }

  /** Re-ranks now (e.g. after the partner's cart changed) and resolves with the new list. */
  async refresh(): Promise<readonly RecommendedItem[]> {
    if (this.#refreshTimer !== null) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = null;
    const summary = await this.#ensureLoaded();
    if (!summary) return this.#items;
    await this.#rank(this.#generation);
    return this.#items;
  }

  // ---- internals -------------------------------------------------------------------------------

  #source(): CatalogSource | null {
    const features = this.getAttribute('features');
    const extra = features ? { features: new URL(features, document.baseURI).href } : {};
    if (this.#catalogData) return { data: this.#catalogData, baseUrl: document.baseURI, ...extra };
    const url = this.getAttribute('catalog');
    if (!url) return null;
    return { url: new URL(url, document.baseURI).href, ...extra };
  }

  #resetCatalog(): void {
    if (!this.isConnected) return;
    // A new catalog means a new namespace: drop the old engine entirely.
    this.disconnectedCallback();
    this.#items = [];
    this.#error = null;
    this.#render();
    this.#queueLoad();
  }

  #queueLoad(): void {
    if (this.#loadQueued) return;
    this.#loadQueued = true;
    queueMicrotask(() => {
      this.#loadQueued = false;
      if (this.isConnected) void this.#ensureLoaded();
    });
  }

  #ensureLoaded(): Promise<CatalogSummary | null> {
    if (!this.#loading) this.#loading = this.#load(++this.#generation);
    return this.#loading;
  }

  async #load(generation: number): Promise<CatalogSummary | null> {
    const source = this.#source();
    if (!source || !this.isConnected) return null;
    const factory = this.engineFactory ?? GlimpseRecsElement.engineFactory;
    if (!factory) {
      this.#fail({ code: 'engine', message: 'No engine installed.', fix: 'Load the widget through glimpse-recs.js, which installs the engine.' }, generation);
      return null;
    }
    this.#status = 'loading';
    this.#error = null;
    this.#render();
    try {
      const engine = factory();
      this.#engine = engine;
      this.#unsubscribe = engine.onChange(() => this.#scheduleRefresh(50));
      const summary = await engine.loadCatalog(source);
      if (generation !== this.#generation) return null;
      this.#summary = summary;
      // Non-fatal: some images unreadable (e.g. no CORS headers); the rest still get recommended.
      for (const warning of summary.warnings) this.#dispatchError(warning);
      const ranked = await this.#rank(generation);
      if (generation !== this.#generation || !ranked) return summary;
      const detail: GlimpseReadyDetail = { catalog: summary, items: [...this.#items] };
      this.dispatchEvent(new CustomEvent('glimpse-ready', { detail, bubbles: true, composed: true }));
      return summary;
    } catch (err) {
      this.#fail(toDetail(err), generation);
      return null;
    }
  }

  #scheduleRefresh(delay: number): void {
    if (!this.#summary || !this.isConnected) return;
    if (this.#refreshTimer !== null) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = null;
      void this.#rank(this.#generation);
    }, delay);
  }

  /** Resolves true when the list on screen is current, false on failure or when superseded. */
  async #rank(generation: number): Promise<boolean> {
    const engine = this.#engine;
    if (!engine) return false;
    const { mode, count, itemId } = this.#config;
    if (mode === 'by-photo' && !this.#photo) {
      this.#items = [];
      this.#status = 'ready';
      this.#render();
      return true;
    }
    try {
      const items = await engine.recommend({
        mode, count,
        ...(itemId ? { itemId } : {}),
        ...(mode === 'by-photo' && this.#photo ? { photo: this.#photo } : {}),
      });
      if (generation !== this.#generation) return false;
      this.#items = items;
      this.#status = 'ready';
      this.#error = null;
      this.#render();
      return true;
    } catch (err) {
      this.#fail(toDetail(err), generation);
      return false;
    }
  }

  #fail(detail: GlimpseErrorDetail, generation: number): void {
    if (generation !== this.#generation) return;
    this.#status = 'error';
    this.#error = detail;
    this.#items = [];
    this.#render();
    this.#dispatchError(detail);
  }

  #dispatchError(detail: GlimpseErrorDetail): void {
    this.dispatchEvent(new CustomEvent('glimpse-error', { detail, bubbles: true, composed: true }));
  }

  #reportProblems(problems: AttributeProblem[]): void {
    for (const p of problems) {
      const key = `${p.attribute}=${p.value}`;
      if (this.#reported.has(key)) continue;
      this.#reported.add(key);
      this.#dispatchError({ code: 'bad-attribute', field: p.attribute, message: `${p.attribute}="${p.value}": ${p.message}`, fix: `Fix the ${p.attribute} attribute (see EMBEDDING.md).` });
    }
  }

  #onListClick(e: Event): void {
    const button = (e.target as Element | null)?.closest?.('.card-button');
    if (!button) return;
    const index = Number((button as HTMLElement).dataset.index);
    const rec = this.#items[index];
    if (!rec) return;
    const detail: GlimpseItemClickDetail = {
      itemId: rec.item.id,
      rank: index + 1,
      explanation: explain(rec.explanation, this.#config.locale),
      item: rec.item,
    };
    this.dispatchEvent(new CustomEvent('glimpse-item-click', { detail, bubbles: true, composed: true, cancelable: true }));
  }

  #renderPhoto(): void {
    const s = strings(this.#config.locale);
    this.#photoRow.hidden = this.#config.mode !== 'by-photo';
    (this.#photoRow.querySelector('.photo-button') as HTMLButtonElement).textContent = s.choosePhoto;
    (this.#photoRow.querySelector('.photo-hint') as HTMLElement).textContent = s.photoHint;
    this.#photoPreview.hidden = !this.#photoUrl;
    if (this.#photoUrl) this.#photoPreview.src = this.#photoUrl;
    else this.#photoPreview.removeAttribute('src');
  }

  #render(): void {
    const { locale, theme, mode } = this.#config;
    const s = strings(locale);
    this.#root.className = `root ${theme}`;
    this.#root.lang = locale;
    this.#title.textContent = s.title[mode];
    (this.#root.querySelector('.privacy') as HTMLElement).textContent = s.privacy;
    this.#renderPhoto();
    const status =
      this.#status === 'loading' ? s.loading
      : this.#status === 'error' ? `${s.error} ${this.#error?.message ?? ''}`.trim()
      : this.#status === 'ready' && this.#items.length === 0 && mode !== 'by-photo' ? s.empty
      : this.#status === 'ready' && this.#summary?.vision.fallback ? s.attributesOnly
      : '';
    this.#statusEl.textContent = status;
    this.#statusEl.hidden = status === '';
    this.#list.replaceChildren(...this.#items.map((rec, i) => this.#card(rec, i)));
  }

  #card(rec: RecommendedItem, index: number): HTMLLIElement {
    const { locale } = this.#config;
    const why = explain(rec.explanation, locale);
    const price = formatPrice(rec.item.price, rec.item.currency, locale);
    const li = document.createElement('li');
    li.className = 'card';
    li.setAttribute('part', 'card');
    li.dataset.itemId = rec.item.id;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'card-button';
    button.setAttribute('part', 'card-button');
    button.dataset.index = String(index);
    if (this.#renderItem) {
      button.append(this.#renderItem(rec, { locale, explanation: why, price }));
    } else {
      const img = document.createElement('img');
      img.className = 'image';
      img.setAttribute('part', 'image');
      img.loading = 'lazy';
      img.alt = rec.item.title;
      img.src = rec.item.thumbnail ?? rec.item.image;
      const body = document.createElement('span');
      body.className = 'body';
      const name = Object.assign(document.createElement('span'), { className: 'name', textContent: rec.item.title });
      const priceEl = Object.assign(document.createElement('span'), { className: 'price', textContent: price });
      const whyEl = Object.assign(document.createElement('span'), { className: 'why', textContent: why });
      name.setAttribute('part', 'name');
      priceEl.setAttribute('part', 'price');
      whyEl.setAttribute('part', 'explanation');
      body.append(name, priceEl, whyEl);
      button.append(img, body);
    }
    li.append(button);
    return li;
  }
}

/** Typed listeners: `el.addEventListener('glimpse-item-click', (e) => e.detail.itemId)`. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface GlimpseRecsElement {
  addEventListener<K extends keyof GlimpseRecsEventMap>(
    type: K, listener: (this: GlimpseRecsElement, ev: GlimpseRecsEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(
    type: K, listener: (this: GlimpseRecsElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof GlimpseRecsEventMap>(
    type: K, listener: (this: GlimpseRecsElement, ev: GlimpseRecsEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(
    type: K, listener: (this: GlimpseRecsElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
