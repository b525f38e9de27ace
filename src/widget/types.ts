import type { CatalogItem } from '../core/catalog/schema';
import type { Interaction, InteractionKind } from '../core/data/interactions';

/**
 * Public types of `<glimpse-recs>`: configuration values, what the engine port returns, and the typed
 * DOM events. Re-exported from the widget entry so partners writing TypeScript get them from one place.
 */
export const RECS_MODES = ['for-you', 'similar', 'by-photo'] as const;
export type RecsMode = (typeof RECS_MODES)[number];

export const WIDGET_LOCALES = ['en', 'zh-CN'] as const;
export type WidgetLocale = (typeof WIDGET_LOCALES)[number];

export const WIDGET_THEMES = ['light', 'dark', 'auto'] as const;
export type WidgetTheme = (typeof WIDGET_THEMES)[number];

/** Why an item was recommended, as data; the element turns it into a sentence in the chosen locale. */
export type Explanation =
  | { kind: 'because-you'; action: InteractionKind; itemId: string; itemTitle: string; color?: string }
  | { kind: 'similar-to'; itemId: string; itemTitle: string; color?: string }
  | { kind: 'photo'; color?: string }
  | { kind: 'popular' };

/** An item as the widget renders it: image URLs are absolute (resolved against the catalog URL). */
export interface RecommendedItem {
  item: CatalogItem;
  rank: number;
  score: number;
  explanation: Explanation;
}

/** Where the catalog comes from; `features`: absolute URL of a precomputed feature file (overrides the catalog's field). */
export type CatalogSource = ({ url: string } | { data: unknown; baseUrl: string }) & { features?: string };

export interface CatalogSummary {
  name: string;
  items: number;
  /** 'device': extracted from the images in this browser; 'precomputed': from the catalog's feature file. */
  features: 'device' | 'precomputed';
  /** Items whose image could not be read (and so are never recommended). */
  skipped: number;
  /** Which extractor produced the vectors (id@version), for the audit trail. */
  extractor: string;
  /** How this device computes visual features, and why. */
  vision: VisionSummary;
  /** Non-fatal problems met while loading (each is also dispatched as glimpse-error with recoverable: true). */
  warnings: GlimpseErrorDetail[];
}

export interface VisionSummary {
  /**
   * 'cnn+attributes': the shared MobileNetV2 embedding plus colour/texture/shape attributes, on this device;
   * 'attributes': colour/texture/shape only (the model could not load, or a precomputed attribute file).
   */
  mode: 'cnn+attributes' | 'attributes';
  /** The TF.js backend chosen by measurement on this device (when the model ran). */
  backend?: string;
  /** Why this mode (or backend) was chosen, in plain words. */
  reason: string;
  /** True when the model was wanted but could not load: the element says so in its status line. */
  fallback?: boolean;
}

export interface RecsRequest {
  mode: RecsMode;
  count: number;
  itemId?: string;
  photo?: Blob;
}

/** A partner-side event: `at` defaults to now. */
export type TrackEvent = Omit<Interaction, 'at'> & { at?: number };

export const GLIMPSE_ERROR_CODES = [
  'catalog-fetch',
  'catalog-invalid',
  'image-cors',
  'image-fetch',
  'image-decode',
  'features-invalid',
  'unknown-item',
  'bad-attribute',
  'bad-event',
  'no-photo',
  'storage',
  'engine',
] as const;
export type GlimpseErrorCode = (typeof GLIMPSE_ERROR_CODES)[number];

export interface GlimpseErrorDetail {
  code: GlimpseErrorCode;
  message: string;
  /** What the partner (or shopper) can do about it, in plain words. */
  fix: string;
  /** For catalog errors: the field path and item id of the first problem. */
  field?: string;
  itemId?: string;
  /** True when the widget still works (e.g. a few images skipped); absent or false when it could not load. */
  recoverable?: boolean;
}

/** Thrown by the engine port and by `track()`; its `detail` is what `glimpse-error` carries. */
export class GlimpseWidgetError extends Error {
  override name = 'GlimpseWidgetError';
  constructor(readonly detail: GlimpseErrorDetail) {
    super(detail.message);
  }
}

/**
 * The small port the element talks to. The shipped implementation runs the Glimpse engine in a Web
 * Worker (worker-client.ts); tests inject fakes. Everything here stays on the visitor's device.
 */
export interface RecsEngine {
  loadCatalog(source: CatalogSource): Promise<CatalogSummary>;
  recommend(request: RecsRequest): Promise<RecommendedItem[]>;
  track(event: Interaction): Promise<void>;
  /** Called when the shopper's profile changed (this element, another one on the page, another tab). */
  onChange(listener: () => void): () => void;
  dispose(): Promise<void>;
}

export interface GlimpseReadyDetail {
  catalog: CatalogSummary;
  items: RecommendedItem[];
}

export interface GlimpseItemClickDetail {
  itemId: string;
  /** 1-based position in the list. */
  rank: number;
  /** The explanation sentence shown on the card, in the element's locale. */
  explanation: string;
  item: CatalogItem;
}

export interface GlimpseRecsEventMap {
  'glimpse-ready': CustomEvent<GlimpseReadyDetail>;
  'glimpse-item-click': CustomEvent<GlimpseItemClickDetail>;
  'glimpse-error': CustomEvent<GlimpseErrorDetail>;
}

/** Card hook: return a Node to replace the default card body for one recommendation. */
export type RenderItem = (rec: RecommendedItem, ctx: { locale: WidgetLocale; explanation: string; price: string }) => Node;
