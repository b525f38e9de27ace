/** Bad pixels in (zero size, wrong buffer length): a typed error the caller can report per item. */
export class AttributeInputError extends Error {
  override name = 'AttributeInputError';
  constructor(
    message: string,
    readonly code: 'empty-image' | 'bad-dimensions' | 'bad-buffer',
  ) {
    super(message);
  }
}
