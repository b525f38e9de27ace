import { useState } from 'react';

interface Props {
  src: string | undefined;
  alt: string;
  size: number;
  className?: string;
  eager?: boolean;
}

/** An image that turns into a labelled placeholder when missing or broken, without changing layout. */
export function ProductImage({ src, alt, size, className = '', eager = false }: Props) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  if (!src || failedSrc === src) {
    return (
      <div className={`image-placeholder ${className}`} role="img" aria-label={`No image: ${alt}`} data-testid="image-placeholder">
        <span aria-hidden="true">No image</span>
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
