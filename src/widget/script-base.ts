/**
 * Where the widget's own files live (engine worker, model, wasm binaries): next to the script that
 * loaded the element, which on a partner site is another origin than the page. The classic (IIFE) build
 * learns it from document.currentScript while it runs; the ES module from import.meta.url. A partner who
 * self-hosts the files elsewhere sets `data-glimpse-assets` on the script tag.
 */
const current = typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null) : null;

export const WIDGET_ASSETS_BASE: string = new URL(
  './',
  current?.dataset.glimpseAssets ? new URL(current.dataset.glimpseAssets + '/', document.baseURI).href : current?.src || import.meta.url,
).href;
