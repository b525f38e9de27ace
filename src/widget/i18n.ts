import type { InteractionKind } from '../core/data/interactions';
import type { Explanation, RecsMode, WidgetLocale } from './types';

/** UI strings per locale. Explanations arrive as data and are worded here, so a locale never changes ranking. */
interface Strings {
  title: Record<RecsMode, string>;
  loading: string;
  empty: string;
  error: string;
  attributesOnly: string;
  choosePhoto: string;
  photoHint: string;
  privacy: string;
  actions: Record<InteractionKind, string>;
  becauseYou: (action: string, title: string) => string;
  similarTo: (title: string) => string;
  fromPhoto: string;
  popular: string;
  colour: (name: string) => string;
}

const EN: Strings = {
  title: { 'for-you': 'Picked for you', similar: 'Similar items', 'by-photo': 'Looks like your photo' },
  loading: 'Finding items for you…',
  empty: 'Nothing to show yet.',
  error: 'Recommendations are unavailable.',
  attributesOnly: 'Matching by colour, texture and shape only: the visual model could not load on this device.',
  choosePhoto: 'Choose a photo',
  photoHint: 'Your photo stays on this device.',
  privacy: 'Private: computed on this device',
  actions: {
    view: 'viewed', dwell: 'looked at', like: 'liked', save: 'saved', 'add-to-cart': 'added to cart',
    purchase: 'bought', rating: 'rated', dismiss: 'dismissed', 'not-interested': 'passed on',
  },
  becauseYou: (action, title) => `Because you ${action} ${title}`,
  similarTo: (title) => `Similar to ${title}`,
  fromPhoto: 'Similar to your photo',
  popular: 'Popular in this shop',
  colour: (name) => ` · ${name}`,
};

const ZH: Strings = {
  title: { 'for-you': '为你推荐', similar: '相似商品', 'by-photo': '与你的照片相似' },
  loading: '正在为你挑选…',
  empty: '暂无推荐。',
  error: '推荐暂不可用。',
  attributesOnly: '仅按颜色、纹理和形状匹配：视觉模型无法在此设备上加载。',
  choosePhoto: '选择照片',
  photoHint: '照片只保留在本设备上。',
  privacy: '隐私：在本设备上计算',
  actions: {
    view: '浏览过', dwell: '看过', like: '喜欢', save: '收藏了', 'add-to-cart': '加入购物车的',
    purchase: '购买过', rating: '评价过', dismiss: '忽略了', 'not-interested': '不感兴趣的',
  },
  becauseYou: (action, title) => `因为你${action}「${title}」`,
  similarTo: (title) => `与「${title}」相似`,
  fromPhoto: '与你的照片相似',
  popular: '本店热门',
  colour: (name) => ` · ${name}`,
};

const COLOUR_ZH: Record<string, string> = {
  red: '红色', orange: '橙色', yellow: '黄色', green: '绿色', teal: '青色', blue: '蓝色', purple: '紫色',
  pink: '粉色', brown: '棕色', black: '黑色', white: '白色', grey: '灰色', gray: '灰色', beige: '米色', navy: '藏青色',
  burgundy: '酒红色', olive: '橄榄绿', 'light blue': '浅蓝色',
};

export function strings(locale: WidgetLocale): Strings {
  return locale === 'zh-CN' ? ZH : EN;
}

function colourName(name: string, locale: WidgetLocale): string {
  return locale === 'zh-CN' ? (COLOUR_ZH[name.toLowerCase()] ?? name) : name;
}

/** One sentence per explanation, e.g. "Because you bought Red dress · red". */
export function explain(e: Explanation, locale: WidgetLocale): string {
  const s = strings(locale);
  const colour = 'color' in e && e.color ? s.colour(colourName(e.color, locale)) : '';
  switch (e.kind) {
    case 'because-you':
      return s.becauseYou(s.actions[e.action], e.itemTitle) + colour;
    case 'similar-to':
      return s.similarTo(e.itemTitle) + colour;
    case 'photo':
      return s.fromPhoto + colour;
    case 'popular':
      return s.popular;
  }
}

/** Price in the item's currency, formatted for the locale; falls back to "12.00 XYZ" for unknown codes. */
export function formatPrice(price: number, currency: string, locale: WidgetLocale): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(price);
  } catch {
    return `${price.toFixed(2)} ${currency}`;
  }
}
