import type { Plugin, PluginOption } from 'vite';
import { VitePWA, type VitePWAOptions } from 'vite-plugin-pwa';
import { glimpseWorkbox } from './caching';
import { glimpseManifest } from './manifest';

/** The full vite-plugin-pwa configuration (exported for src/pwa/config.test.ts). */
export const glimpsePwaOptions: Partial<VitePWAOptions> = {
  strategies: 'generateSW',
  registerType: 'prompt',
  // src/pwa/boot.ts registers through `virtual:pwa-register`; no extra registerSW.js script.
  injectRegister: false,
  manifest: glimpseManifest,
  // The precache globs (caching.ts) already take every icon and the manifest: listing them again
  // would only duplicate precache entries.
  includeAssets: [],
  includeManifestIcons: false,
  workbox: glimpseWorkbox,
  devOptions: { enabled: false },
};

export interface PwaPluginOptions {
  /**
   * Inject src/pwa/boot.ts into index.html (service-worker registration, update toast, offline badge,
   * thumbnail warm-up, persistence request). Set false when the app mounts these itself.
   */
  boot?: boolean;
}

/**
 * Adds the boot entry and the apple-touch-icon link to index.html without editing it (index.html has the
 * favicon). Only to the app's page: bench.html (the benchmark harness) must not install the service worker
 * and precache the app while it measures.
 */
function glimpseHeadPlugin(boot: boolean): Plugin {
  return {
    name: 'glimpse-pwa-head',
    transformIndexHtml: {
      // 'pre' so Vite bundles the injected module script like any entry in index.html.
      order: 'pre',
      handler: (_html, ctx) => {
        if (!/(^|\/)index\.html$/.test(ctx.path)) return [];
        return [
          {
            tag: 'link',
            attrs: { rel: 'apple-touch-icon', href: '/icons/apple-touch-icon-180.png' },
            injectTo: 'head',
          },
          ...(boot
            ? [
                {
                  tag: 'script',
                  attrs: { type: 'module', src: '/src/pwa/boot.ts' },
                  injectTo: 'body' as const,
                },
              ]
            : []),
        ];
      },
    },
  };
}

/** vite.config.ts: `plugins: [react(), pwaPlugin()]`. */
export function pwaPlugin(options: PwaPluginOptions = {}): PluginOption[] {
  return [glimpseHeadPlugin(options.boot ?? true), VitePWA(glimpsePwaOptions)];
}
