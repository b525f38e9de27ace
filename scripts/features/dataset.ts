import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';

/** One labelled image of a folder + labels CSV. */
export interface LabelledImage {
  id: string;
  label: string;
  path: string;
}

/** Minimal RFC 4180 CSV parser (quoted fields, escaped quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

const ID_COLUMNS = ['image', 'id', 'image_id', 'file', 'filename', 'path'];
const LABEL_COLUMNS = ['label', 'category', 'class'];
const EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.gif', '.bmp'];

/**
 * Reads a labels CSV (columns: an image id/file column and a label column, by header name or else the
 * first two columns; extra columns ignored) and resolves each image inside `imagesDir` (the id as a
 * file name, or the id plus a common extension). Rows whose image is missing are returned separately.
 */
export function readLabelledFolder(imagesDir: string, labelsCsv: string): { images: LabelledImage[]; missing: string[] } {
  const rows = parseCsv(readFileSync(labelsCsv, 'utf8'));
  if (rows.length < 2) throw new Error(`${labelsCsv}: expected a header row and at least one data row.`);
  const header = rows[0]!.map((h) => h.trim().toLowerCase());
  const idCol = header.findIndex((h) => ID_COLUMNS.includes(h));
  const labelCol = header.findIndex((h) => LABEL_COLUMNS.includes(h));
  const idx = idCol >= 0 ? idCol : 0;
  const lab = labelCol >= 0 ? labelCol : idx === 0 ? 1 : 0;
  const images: LabelledImage[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const r of rows.slice(1)) {
    const raw = (r[idx] ?? '').trim();
    if (!raw || seen.has(raw)) continue;
    seen.add(raw);
    const candidates = extname(raw) ? [raw] : EXTENSIONS.map((e) => raw + e);
    const file = candidates.map((c) => resolve(imagesDir, c)).find((p) => existsSync(p));
    if (!file) {
      missing.push(raw);
      continue;
    }
    images.push({ id: extname(raw) ? raw.slice(0, -extname(raw).length) : raw, label: (r[lab] ?? '').trim(), path: file });
  }
  return { images, missing };
}
