import type { ManifestOptions } from 'vite-plugin-pwa';

/** theme_color matches index.html's theme-color meta; background_color is the app's --bg (splash screen). */
export const THEME_COLOR = '#1f2937';
export const BACKGROUND_COLOR = '#f7f7f8';

/**
 * The web app manifest. Icons are committed PNGs rendered from one SVG by scripts/pwa/icons.ts;
 * `any` and `maskable` are separate files because a maskable icon needs a full-bleed background
 * and a glyph inside the 80% safe circle, which looks wrong where the platform does not crop.
 */
export const glimpseManifest = {
  id: '/',
  name: 'Glimpse',
  short_name: 'Glimpse',
  description:
    'Private visual recommendations: Glimpse learns your taste from the pictures you like, entirely on your device, and works offline.',
  lang: 'en',
  dir: 'ltr',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  display_override: ['standalone', 'minimal-ui'],
  orientation: 'any',
  theme_color: THEME_COLOR,
  background_color: BACKGROUND_COLOR,
  categories: ['shopping', 'lifestyle', 'personalization'],
  prefer_related_applications: false,
  icons: [
    { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: 'icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
    { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    { src: 'icons/glimpse.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
  ],
} satisfies Partial<ManifestOptions>;
