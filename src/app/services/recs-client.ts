import type { Interaction } from '../../core/data/interactions';
import type { TrainingView as TrainingStatus } from '../../worker/protocol';
import type { BackendStatus } from '../../shared/backend-status';

/**
 * Everything the shopper-facing screens need from the engine, in the app's own words. The worker client
 * (src/worker) is adapted to this interface in the composition root; components only see RecsClient.
 * Item references are catalog ids (never model indices); numbers are plain (no typed arrays cross here).
 */
export interface RecsClient {
  /** The personalised feed; cold start falls back to popularity per category. */
  forYou(options: ForYouOptions): Promise<Recommendation[]>;
  /** Pure visual nearest neighbours of one item (no personalisation). */
  similar(itemId: string, k?: number): Promise<Recommendation[]>;
  /** Personal ranking seeded by one item (the item's look blended with the shopper's taste). */
  youMayAlsoLike(itemId: string, k?: number): Promise<Recommendation[]>;
  /** Items from complementary categories (categories that co-occur in real wardrobes). */
  completeTheLook(itemId: string, k?: number): Promise<Recommendation[]>;
  /** Extracts features from a photo on this device and returns the visually closest items. */
  searchByPhoto(photo: Blob, k?: number): Promise<PhotoSearchResult>;
  /** Relevance to this shopper for every item (for "sort by relevance"), higher is better. */
  relevance(): Promise<ReadonlyMap<string, number>>;
  /** Named colours per item from the vision features (for the colour filter and swatches). */
  itemColors(): Promise<ReadonlyMap<string, readonly ItemColor[]>>;
  profile(): Promise<TasteProfile>;
  /** A 2-D projection of the catalog with the shopper's taste and liked items on it. */
  tasteMap(): Promise<TasteMap>;
  history(): Promise<HistoryEntry[]>;
  removeInteraction(id: string): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
  exportData(): Promise<Blob>;
  /** Replaces nothing: merges the file's events into the log. Rejects with a typed error for a bad file. */
  importData(file: Blob): Promise<{ events: number }>;
  /** Deletes the profile, the log and every cached parameter. */
  wipe(): Promise<void>;
  insights(): Promise<Insights>;
  /** Background retraining: the delay setting, what is queued or running, and the recent runs. */
  training(): Promise<TrainingStatus>;
  /** Stores the background retrain delay (0 = off) and returns the new status. */
  setRetrainDelay(ms: number): Promise<TrainingStatus>;
  /** Profile changes and progress of long work. Returns the unsubscribe function. */
  subscribe(listener: (event: RecsEvent) => void): () => void;
}

export interface ForYouOptions {
  k: number;
  category?: string;
}

export type Explanation =
  | { kind: 'similar-to'; itemId: string; weight: number }
  | { kind: 'attribute'; attribute: 'color' | 'warmth' | 'category' | 'texture' | 'shape'; value: string; weight: number }
  | { kind: 'popular-in'; category: string; weight: number }
  | { kind: 'popular'; weight: number }
  | { kind: 'goes-with'; category: string; weight: number }
  | { kind: 'looks-like'; weight: number };

export interface Recommendation {
  itemId: string;
  score: number;
  /** Strongest reason first; the UI shows the first as a chip. */
  explanations: Explanation[];
}

export interface PhotoSearchResult {
  results: Recommendation[];
  /** Named colours found in the photo (shown so the shopper sees what was understood). */
  colors: ItemColor[];
  millis: number;
}

export interface ItemColor {
  name: string;
  hex: string;
  weight: number;
}

export interface LabelScore {
  name: string;
  /** In [-1, 1]. */
  score: number;
  support: number;
  /** Swatch for colour labels. */
  hex?: string;
}

export interface TasteProfile {
  events: number;
  paused: boolean;
  colors: LabelScore[];
  categories: LabelScore[];
  textures: LabelScore[];
  shapes: LabelScore[];
}

export interface TasteMapPoint {
  itemId: string;
  x: number;
  y: number;
  /** Weight of the shopper's events on the item: > 0 liked, < 0 dismissed, 0 none. */
  affinity: number;
}

export interface TasteMap {
  method: string;
  points: TasteMapPoint[];
  taste?: { x: number; y: number };
}

export interface HistoryEntry extends Interaction {
  id: string;
}

export interface BackendCandidate {
  name: string;
  chosen: boolean;
  available: boolean;
  /** Undefined when the engine reported a status this UI does not know (an older or newer worker). */
  status?: BackendStatus;
  /** The engine's own detail (device names, timings), in English. */
  reason: string;
  millis?: number;
}

export interface ModelMetrics {
  model: string;
  metrics: Record<string, number>;
}

export interface Insights {
  /** Which engine answers: the worker (TF.js + IndexedDB) or the in-page interim engine. */
  engine: { name: string; description: string };
  backend?: { chosen: string; candidates: BackendCandidate[] };
  features: {
    extractor: string;
    done: number;
    total: number;
    itemsPerSecond?: number;
    /** Items the device could not analyse, with the first reason (a broken image, a model that failed to load). */
    failed?: { count: number; reason: string };
  };
  storage?: { usage: number; quota: number; persisted?: boolean };
}

/**
 * Background retraining as the engine reports it: plain data, the same shapes as the worker protocol
 * (delay setting, queued / running, last run and recent runs, each with its numbers).
 */
export type {
  TrainingReport as TrainingRun,
  TrainingTrigger,
  TrainingView as TrainingStatus,
} from '../../worker/protocol';
export type ProgressTask = 'features' | 'training' | 'import';

export interface Progress {
  task: ProgressTask;
  done: number;
  total: number;
  /** Items (or steps) per second so far. */
  rate?: number;
}

export type RecsEvent =
  | { type: 'changed' }
  | { type: 'progress'; progress: Progress | null }
  | { type: 'training'; training: TrainingStatus };

/** A file or request the engine could not use; the message says why, nothing was changed. */
export class RecsClientError extends Error {
  override name = 'RecsClientError';
}
