/** Typed arrays <-> base64 (little-endian bytes), for the JSON export. Works in windows, workers and Node. */
export function float32ToBase64(data: Float32Array): string {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Throws on malformed base64 or a byte length that is not a whole number of floats. */
export function base64ToFloat32(text: string): Float32Array<ArrayBuffer> {
  const binary = atob(text);
  if (binary.length % 4 !== 0)
    throw new RangeError(`${binary.length} bytes is not a whole number of float32 values`);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}
