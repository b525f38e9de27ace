import { useState } from 'react';
import { useI18n } from '../i18n/i18n';

interface Props {
  src: string | undefined;
  alt: string;
  size: number;
  className?: string;
  eager?: boolean;
}

/** An image that turns into a labelled placeholder when missing or broken, without changing layout. */
export function ProductImage({ src, alt, size, className = '', eager = false }: Props) {
  const { t } = useI18n();
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  if (!src || failedSrc === src) {
    return (
      <div className={`image-placeholder ${className}`} role="img" aria-label={t('image.noneLabel', { alt })} data-testid="image-placeholder">
        <span aria-hidden="true">{t('image.none')}</span>
      </div>
    );
  }
  return (
    <img
      className={className}
      src={src}
      alt={alt}
      width={size}
      height={size}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
      onError={() => setFailedSrc(src)}
    />
  );
}
