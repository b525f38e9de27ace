import { describe, expect, it } from 'vitest';
import { changeImpact, DEFAULT_COUNT, MAX_COUNT, parseConfig, parseCount, parseLocale } from './config';

const reader = (attrs: Record<string, string>) => (name: string) => attrs[name] ?? null;

describe('parseConfig', () => {
  it('defaults to for-you, 6 items, en, auto theme', () => {
    expect(parseConfig(reader({}))).toEqual({
      config: { mode: 'for-you', itemId: null, count: DEFAULT_COUNT, locale: 'en', theme: 'auto' },
      problems: [],
    });
  });

  it('reads every attribute', () => {
    const { config, problems } = parseConfig(reader({ mode: 'similar', 'item-id': ' d-3 ', count: '4', locale: 'zh-CN', theme: 'dark' }));
    expect(config).toEqual({ mode: 'similar', itemId: 'd-3', count: 4, locale: 'zh-CN', theme: 'dark' });
    expect(problems).toEqual([]);
  });

  it('an item-id alone implies similar mode', () => {
    expect(parseConfig(reader({ 'item-id': 'x' })).config.mode).toBe('similar');
  });

  it('reports bad values and falls back', () => {
    const { config, problems } = parseConfig(reader({ mode: 'random', count: '-2', theme: 'neon', locale: 'fr' }));
    expect(config).toMatchObject({ mode: 'for-you', count: DEFAULT_COUNT, theme: 'auto', locale: 'en' });
    expect(problems.map((p) => p.attribute).sort()).toEqual(['count', 'locale', 'mode', 'theme']);
    expect(problems.find((p) => p.attribute === 'mode')!.message).toContain('for-you, similar, by-photo');
  });

  it('similar without an item id falls back to for-you with a problem naming item-id', () => {
    const { config, problems } = parseConfig(reader({ mode: 'similar' }));
    expect(config.mode).toBe('for-you');
    expect(problems[0].attribute).toBe('item-id');
  });
});

describe('parseCount / parseLocale', () => {
  it('caps count and rejects fractions', () => {
    expect(parseCount('500')).toBe(MAX_COUNT);
    expect(parseCount('2.5')).toBe(DEFAULT_COUNT);
    expect(parseCount('3')).toBe(3);
  });
  it('maps language variants', () => {
    expect(parseLocale('zh')).toBe('zh-CN');
    expect(parseLocale('zh-TW')).toBe('zh-CN');
    expect(parseLocale('en-GB')).toBe('en');
    expect(parseLocale('ZH-cn')).toBe('zh-CN');
  });
});

describe('changeImpact', () => {
  const base = parseConfig(reader({})).config;
  it('re-ranks on mode/item/count and re-renders on locale/theme', () => {
    expect(changeImpact(base, { ...base, count: 3 })).toBe('rank');
    expect(changeImpact(base, { ...base, mode: 'by-photo' })).toBe('rank');
    expect(changeImpact(base, { ...base, locale: 'zh-CN' })).toBe('render');
    expect(changeImpact(base, { ...base })).toBe('none');
  });
});
