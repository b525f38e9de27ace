import type { Translate } from '../i18n/i18n';
import type { Explanation } from '../services/recs-client';

/** Words for one structured reason; `titleOf` names cited items, `colorName` translates colours. */
export function explanationText(
  e: Explanation,
  t: Translate,
  titleOf: (itemId: string) => string,
  colorName: (name: string) => string,
): string {
  switch (e.kind) {
    case 'similar-to':
      return t('why.similarTo', { item: titleOf(e.itemId) });
    case 'attribute':
      if (e.attribute === 'color') return t('why.color', { color: capitalise(colorName(e.value)) });
      if (e.attribute === 'warmth') return t(e.value === 'warm' ? 'why.warm' : 'why.cool');
      if (e.attribute === 'category') return t('why.category', { category: e.value });
      return t(e.attribute === 'texture' ? 'why.texture' : 'why.shape');
    case 'popular-in':
      return t('why.popularIn', { category: e.category });
    case 'popular':
      return t('why.popular');
    case 'goes-with':
      return t('why.goesWith', { category: e.category });
    case 'looks-like':
      return t('why.looksLike');
  }
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
