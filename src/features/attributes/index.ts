/** Interpretable image attributes (colour, texture, shape): pure TypeScript, no DOM, no TF.js. */
export { computeAttributes, analyzeAttributes, DEFAULT_ATTRIBUTE_OPTIONS } from './compute';
export type { AttributeOptions, AttributeAnalysis } from './compute';
export { AttributeInputError } from './errors';
export { NAMED_COLORS, nameColor, colorFamily, colorNameSimilarity, paletteColor, neutralChromaLimit } from './palette';
export type { ColorFamily, PaletteColor } from './palette';
export { attributeVector, colorSimilarity, ATTRIBUTE_VECTOR_LENGTH, ATTRIBUTE_BLOCK_WEIGHTS, ATTRIBUTES_EXTRACTOR } from './vector';
export { warmth, describeAttributes, DESCRIBE_THRESHOLDS } from './describe';
export type { AttributeFacts, Tone, TextureWord, ShapeWord } from './describe';
export { COLOR_HISTOGRAM_LENGTH, HUE_BINS, histogramIntersection } from './histogram';
export { TEXTURE_LENGTH, LBP_BINS, TEXTURE_INDEX } from './texture';
export { SHAPE_LENGTH, ORIENTATION_BINS, SHAPE_INDEX, orientationBin } from './shape';
export { rgbToLab, labToRgb, labToHex, hexToRgb, rgbToHex, labToLch, rgbToHsv } from './color-space';
