import { RECS_MODES, WIDGET_LOCALES, WIDGET_THEMES, type RecsMode, type WidgetLocale, type WidgetTheme } from './types';

/** Attribute parsing for `<glimpse-recs>`: pure, so it is unit-tested in Node. */
export const DEFAULT_COUNT = 6;
export const MAX_COUNT = 50;

export interface WidgetConfig {
  mode: RecsMode;
  itemId: string | null;
  count: number;
  locale: WidgetLocale;
  theme: WidgetTheme;
}

/** A recoverable attribute problem: the element falls back to the default and reports it once. */
export interface AttributeProblem {
  attribute: string;
  value: string;
  message: string;
}

export interface ParsedConfig {
  config: WidgetConfig;
  problems: AttributeProblem[];
}

function oneOf<T extends string>(allowed: readonly T[], value: string | null, fallback: T, attribute: string, problems: AttributeProblem[]): T {
  if (value === null || value === '') return fallback;
  const v = value.trim();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  problems.push({ attribute, value, message: `must be one of ${allowed.join(', ')}` });
  return fallback;
}

/** Locale: exact match, then by language ("zh", "zh-Hans", "zh-TW" -> zh-CN; "en-GB" -> en). */
export function parseLocale(value: string | null, problems: AttributeProblem[] = []): WidgetLocale {
  if (value === null || value.trim() === '') return 'en';
  const v = value.trim();
  const exact = WIDGET_LOCALES.find((l) => l.toLowerCase() === v.toLowerCase());
  if (exact) return exact;
  const lang = v.split(/[-_]/)[0].toLowerCase();
  if (lang === 'zh') return 'zh-CN';
  if (lang === 'en') return 'en';
  problems.push({ attribute: 'locale', value, message: `supported locales are ${WIDGET_LOCALES.join(', ')}; using en` });
  return 'en';
}

export function parseCount(value: string | null, problems: AttributeProblem[] = []): number {
  if (value === null || value.trim() === '') return DEFAULT_COUNT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    problems.push({ attribute: 'count', value, message: `must be a whole number from 1 to ${MAX_COUNT}` });
    return DEFAULT_COUNT;
  }
  return Math.min(n, MAX_COUNT);
}

export type AttributeReader = (name: string) => string | null;

export function parseConfig(read: AttributeReader): ParsedConfig {
  const problems: AttributeProblem[] = [];
  const itemId = read('item-id')?.trim() || null;
  let mode = oneOf(RECS_MODES, read('mode'), itemId ? 'similar' : 'for-you', 'mode', problems);
  if (mode === 'similar' && !itemId) {
    problems.push({ attribute: 'item-id', value: '', message: 'mode="similar" needs an item-id; showing for-you' });
    mode = 'for-you';
  }
  return {
    config: {
      mode,
      itemId,
      count: parseCount(read('count'), problems),
      locale: parseLocale(read('locale'), problems),
      theme: oneOf(WIDGET_THEMES, read('theme'), 'auto', 'theme', problems),
    },
    problems,
  };
}

/** What needs redoing after a config change: a new catalog reloads everything; the rest re-ranks or re-renders. */
export function changeImpact(before: WidgetConfig, after: WidgetConfig): 'none' | 'render' | 'rank' {
  if (before.mode !== after.mode || before.itemId !== after.itemId || before.count !== after.count) return 'rank';
  if (before.locale !== after.locale || before.theme !== after.theme) return 'render';
  return 'none';
}
