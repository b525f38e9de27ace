/**
 * Checks a web app manifest against what Glimpse promises: Chromium's installability fields plus
 * `any` and `maskable` PNG icons at 192 and 512. Returns a list of problems (empty = complete).
 * Pure, so both the config unit test and the dist test (e2e/pwa.spec.ts) use it.
 */

interface IconLike {
  src?: unknown;
  sizes?: unknown;
  type?: unknown;
  purpose?: unknown;
}

const HEX = /^#[0-9a-f]{6}$/i;
const REQUIRED_ICONS: Array<{ purpose: 'any' | 'maskable'; size: number }> = [
  { purpose: 'any', size: 192 },
  { purpose: 'any', size: 512 },
  { purpose: 'maskable', size: 192 },
  { purpose: 'maskable', size: 512 },
];

function purposes(icon: IconLike): string[] {
  if (Array.isArray(icon.purpose)) return icon.purpose.map(String);
  return typeof icon.purpose === 'string' ? icon.purpose.split(/\s+/) : ['any'];
}

/** Finds the PNG icon declared for `purpose` at `size`x`size`. */
export function findIcon(manifest: unknown, purpose: 'any' | 'maskable', size: number): IconLike | undefined {
  const icons = (manifest as { icons?: unknown }).icons;
  if (!Array.isArray(icons)) return undefined;
  return (icons as IconLike[]).find(
    (icon) =>
      typeof icon.src === 'string' &&
      icon.type === 'image/png' &&
      typeof icon.sizes === 'string' &&
      icon.sizes.split(/\s+/).includes(`${size}x${size}`) &&
      purposes(icon).includes(purpose),
  );
}

export function checkManifest(manifest: unknown): string[] {
  if (typeof manifest !== 'object' || manifest === null) return ['manifest is not an object'];
  const m = manifest as Record<string, unknown>;
  const problems: string[] = [];
  const text = (key: string, max?: number): void => {
    const value = m[key];
    if (typeof value !== 'string' || value.trim() === '') problems.push(`${key} is missing`);
    else if (max !== undefined && value.length > max) problems.push(`${key} is longer than ${max} characters`);
  };
  text('name');
  text('short_name', 12);
  text('description');
  text('start_url');
  text('scope');
  text('id');
  if (!['standalone', 'fullscreen', 'minimal-ui'].includes(String(m.display))) {
    problems.push(`display must be standalone, fullscreen or minimal-ui (got ${String(m.display)})`);
  }
  for (const key of ['theme_color', 'background_color']) {
    if (typeof m[key] !== 'string' || !HEX.test(m[key] as string)) problems.push(`${key} must be a #rrggbb colour`);
  }
  if (!Array.isArray(m.categories) || m.categories.length === 0) problems.push('categories is missing');
  if (typeof m.start_url === 'string' && typeof m.scope === 'string') {
    const base = 'https://glimpse.invalid/';
    if (!new URL(m.start_url, base).href.startsWith(new URL(m.scope, base).href)) {
      problems.push('start_url is outside scope');
    }
  }
  for (const { purpose, size } of REQUIRED_ICONS) {
    if (!findIcon(m, purpose, size)) problems.push(`no ${purpose} PNG icon of ${size}x${size}`);
  }
  return problems;
}
