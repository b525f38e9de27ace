/** TF.js backends of the in-page ranking case, by index (page.evaluate passes numbers); no TF.js import, Node reads it too. */
export const RANK_BACKENDS = ['wasm', 'webgl', 'webgpu'] as const;
