import type { Catalog } from '../../core/catalog/schema';
import { useI18n } from '../i18n/i18n';
import { useItemView } from '../hooks/useItemView';
import { formatPrice } from '../lib/search';
import { InteractionButtons } from './InteractionButtons';
import { ProductImage } from './ProductImage';
import { RecSection } from './RecSection';

interface Props {
  catalog: Catalog;
  itemId: string;
  onBack: () => void;
}

export function ProductPage({ catalog, itemId, onBack }: Props) {
  const { t, locale } = useI18n();
  const item = catalog.items.find((i) => i.id === itemId);
  useItemView(item?.id);
  const back = (
    <button type="button" className="back" onClick={onBack}>
      {t('product.back')}
    </button>
  );
  if (!item) {
    return (
      <section className="product-page">
        {back}
        <h1>{t('product.notFound')}</h1>
        <p>{t('product.notFoundBody', { id: itemId })}</p>
      </section>
    );
  }
  return (
    <article className="product-page" aria-labelledby="product-title">
      {back}
      <div className="product-layout">
        <ProductImage src={item.image} alt={item.title} size={448} className="product-image" eager />
        <div className="product-info">
          <h1 id="product-title">{item.title}</h1>
          <p className="product-price">{formatPrice(item.price, item.currency, locale)}</p>
          <p className={item.inStock ? 'stock-in' : 'stock-out'}>{item.inStock ? t('product.inStock') : t('product.outOfStock')}</p>
          <dl className="product-facts">
            <dt>{t('filters.category')}</dt>
            <dd>{item.category}</dd>
            {item.tags.length > 0 && (
              <>
                <dt>{t('product.tags')}</dt>
                <dd>
                  <ul className="tags">
                    {item.tags.map((tag) => (
                      <li key={tag}>{tag}</li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
            {item.source && (
              <>
                <dt>{t('product.contributor')}</dt>
                <dd>{item.source}</dd>
              </>
            )}
          </dl>
          {item.description && <p className="product-description">{item.description}</p>}
          <InteractionButtons item={item} />
          {catalog.demo && <p className="demo-note">{t('product.demoNote')}</p>}
        </div>
      </div>
      <RecSection id="similar" title={t('product.similar')} queryKey={`similar|${item.id}`} query={(c) => c.similar(item.id, 8)} />
      <RecSection id="also-like" title={t('product.alsoLike')} queryKey={`also|${item.id}`} query={(c) => c.youMayAlsoLike(item.id, 8)} />
      <RecSection
        id="complete-look"
        title={t('product.completeLook')}
        note={t('product.completeLookNote')}
        queryKey={`look|${item.id}`}
        query={(c) => c.completeTheLook(item.id, 6)}
      />
    </article>
  );
}
