/** UTF-8 encode/decode without TextEncoder (core is compiled without DOM or Node types). */
export function utf8Encode(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

export function utf8Decode(b: Uint8Array): string {
  let s = '';
  for (let k = 0; k < b.length;) {
    const x = b[k++];
    let c: number;
    if (x < 0x80) c = x;
    else if (x < 0xe0) c = ((x & 31) << 6) | (b[k++] & 63);
    else if (x < 0xf0) c = ((x & 15) << 12) | ((b[k++] & 63) << 6) | (b[k++] & 63);
    else c = ((x & 7) << 18) | ((b[k++] & 63) << 12) | ((b[k++] & 63) << 6) | (b[k++] & 63);
    s += String.fromCodePoint(c);
  }
  return s;
}
