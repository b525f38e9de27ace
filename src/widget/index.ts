import { defineGlimpseRecs } from './define';
import { GlimpseRecsElement } from './glimpse-recs';
import { WIDGET_ASSETS_BASE } from './script-base';
import { createWorkerEngine } from './worker-client';

/**
 * Entry of the widget bundle (dist-widget/glimpse-recs.js, ES module, and glimpse-recs.iife.js, classic):
 * installs the worker-backed engine and defines `<glimpse-recs>`. Importing it twice is harmless.
 */
GlimpseRecsElement.engineFactory ??= () => createWorkerEngine(WIDGET_ASSETS_BASE);
defineGlimpseRecs();

export { GlimpseRecsElement } from './glimpse-recs';
export { defineGlimpseRecs, TAG_NAME } from './define';
export { createWorkerEngine } from './worker-client';
export { WIDGET_ASSETS_BASE } from './script-base';
export * from './types';
