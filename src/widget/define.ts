import { GlimpseRecsElement } from './glimpse-recs';

export const TAG_NAME = 'glimpse-recs';

/**
 * Registers `<glimpse-recs>` once. Safe when two copies of the script load (partner CMS plugins do that):
 * the second call keeps the first definition instead of throwing "name already used".
 */
export function defineGlimpseRecs(registry: CustomElementRegistry = customElements): typeof GlimpseRecsElement {
  const existing = registry.get(TAG_NAME);
  if (existing) return existing as typeof GlimpseRecsElement;
  registry.define(TAG_NAME, GlimpseRecsElement);
  return GlimpseRecsElement;
}

declare global {
  interface HTMLElementTagNameMap {
    'glimpse-recs': GlimpseRecsElement;
  }
}
