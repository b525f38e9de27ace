import { memo } from 'react';
import type { CatalogItem } from '../../core/catalog/schema';
import { useI18n } from '../i18n/i18n';
import { formatRoute } from '../lib/route';
import { formatPrice } from '../lib/search';
import { InteractionButtons } from './InteractionButtons';
import { ProductImage } from './ProductImage';

export const ProductCard = memo(function ProductCard({ item, imageSize }: { item: CatalogItem; imageSize: number }) {
  const { t, locale } = useI18n();
  const href = formatRoute({ name: 'item', id: item.id });
  return (
    <article className="card" data-testid="product-card" data-item-id={item.id} aria-label={item.title}>
      <a className="card-link" href={href} tabIndex={-1} aria-hidden="true">
        <ProductImage src={item.thumbnail ?? item.image} alt={item.title} size={imageSize} className="card-image" />
      </a>
      <div className="card-body">
        <h3 className="card-title">
          <a href={href}>{item.title}</a>
        </h3>
        <p className="card-meta">
          <span className="price">{formatPrice(item.price, item.currency, locale)}</span>
          {!item.inStock && <span className="stock-out">{t('product.outOfStock')}</span>}
        </p>
        <InteractionButtons item={item} compact />
      </div>
    </article>
  );
});
