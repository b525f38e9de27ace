import type { Interaction } from '../../core/data/interactions';
import type { CatalogSource, CatalogSummary, GlimpseErrorDetail, RecommendedItem, RecsRequest } from '../types';

/**
 * Messages between `<glimpse-recs>` (main thread) and its engine worker, carried by comlink. Failures come
 * back as values, not thrown Errors, because structured clone drops an Error's fields (code, fix, item).
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: GlimpseErrorDetail };

export interface EngineInit {
  /** Absolute URL of the folder holding the widget's files (model, wasm binaries), from the script's own URL. */
  assetsBase: string;
  /** 'attributes' skips the MobileNetV2 model (no TF.js download); default 'auto': model, attributes if it cannot load. */
  vision?: 'auto' | 'attributes';
}

export interface EngineStats {
  /** Live TF.js tensors in the worker (0 when the extractor is not loaded). */
  tensors: number;
  /** Open IndexedDB connections held by the worker. */
  openConnections: number;
  items: number;
}

export interface WidgetEngineApi {
  init(options: EngineInit): Promise<Outcome<void>>;
  loadCatalog(source: CatalogSource): Promise<Outcome<CatalogSummary>>;
  recommend(request: RecsRequest): Promise<Outcome<RecommendedItem[]>>;
  track(event: Interaction): Promise<Outcome<void>>;
  stats(): Promise<EngineStats>;
  /** Closes the database and frees tensors; returns what is left (the leak check); the client terminates the worker next. */
  dispose(): Promise<EngineStats>;
}
