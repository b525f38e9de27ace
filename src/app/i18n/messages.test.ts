import { describe, expect, it } from 'vitest';
import { format } from './i18n';
import { COLOR_NAMES_ZH, en, zh } from './messages';
import { NAMED_COLORS } from '../../features/attributes/palette';

describe('messages', () => {
  it('Chinese has every key, non-empty, with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zh[key], key).toBeTruthy();
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(zh[key]), key).toEqual(names(en[key]));
    }
  });

  it('every palette colour has a Chinese name', () => {
    for (const c of NAMED_COLORS) expect(COLOR_NAMES_ZH[c.name], c.name).toBeTruthy();
  });

  it('fills placeholders and formats numbers for the locale', () => {
    expect(format('Showing {shown} of {total}', { shown: 3, total: 1000 }, 'en')).toBe('Showing 3 of 1,000');
    expect(format('{missing} stays', {}, 'en')).toBe('{missing} stays');
  });
});
