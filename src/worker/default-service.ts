import { openStore } from '../storage';
import { GlimpseService } from './service';
import { createExplainedRecommender } from './explained-recommender';

/**
 * The production wiring, shared by the worker entry and the in-process fallback. Plug the real engine and
 * recommender adapters in here when src/engine and src/core/models land.
 */
export function createDefaultService(): Promise<GlimpseService> {
  return GlimpseService.create({
    openStore: (hooks) => openStore({ onRepair: hooks.onRepair, onVersionChange: hooks.onVersionChange }),
    recommender: createExplainedRecommender(),
  });
}
