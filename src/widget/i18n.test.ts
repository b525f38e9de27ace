import { describe, expect, it } from 'vitest';
import { explain, formatPrice, strings } from './i18n';

describe('explain', () => {
  it('words each explanation kind in English', () => {
    expect(explain({ kind: 'because-you', action: 'purchase', itemId: 'a', itemTitle: 'Red dress', color: 'red' }, 'en'))
      .toBe('Because you bought Red dress · red');
    expect(explain({ kind: 'similar-to', itemId: 'a', itemTitle: 'Blue coat' }, 'en')).toBe('Similar to Blue coat');
    expect(explain({ kind: 'photo' }, 'en')).toBe('Similar to your photo');
    expect(explain({ kind: 'popular' }, 'en')).toBe('Popular in this shop');
  });
  it('words them in Simplified Chinese, colour names included', () => {
    expect(explain({ kind: 'because-you', action: 'like', itemId: 'a', itemTitle: '红裙', color: 'red' }, 'zh-CN'))
      .toBe('因为你喜欢「红裙」 · 红色');
    expect(strings('zh-CN').title['for-you']).toBe('为你推荐');
  });
});

describe('formatPrice', () => {
  it('formats by locale and survives unknown currencies', () => {
    expect(formatPrice(12.5, 'USD', 'en')).toBe('$12.50');
    expect(formatPrice(12.5, 'CNY', 'zh-CN')).toMatch(/12\.50/);
    expect(formatPrice(3, 'XQQ', 'en')).toMatch(/3\.00/);
  });
});
