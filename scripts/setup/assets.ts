import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The public files Glimpse needs but may not commit (ARCHITECTURE.md, shared/assets/README.md).
 * Resolved from GLIMPSE_ASSETS (default ../shared/assets); elsewhere downloaded from the origin and
 * verified by sha256 before use.
 */
export interface AssetSpec {
  /** Path relative to the asset root. */
  path: string;
  sha256?: string;
  /** Where to fetch it when the asset folder is absent. */
  origin?: string;
}

export const MODEL_ASSET: AssetSpec = {
  path: 'models/mobilenet-v2-imagenet/tf2_mobilenet_v2_1.0_224_ptq.tflite',
  sha256: '5d3137241276e79c86d14a74fe43581398ae0e815191d3dba45495b810840e8c',
  origin:
    'https://raw.githubusercontent.com/google-coral/test_data/104342d2d3480b3e66203073dac24f4e2dbb4c41/tf2_mobilenet_v2_1.0_224_ptq.tflite',
};

export class AssetError extends Error {
  override name = 'AssetError';
}

export function projectRoot(): string {
  return resolve(dirname(new URL(import.meta.url).pathname), '../..');
}

export function assetRoot(): string {
  return resolve(projectRoot(), process.env.GLIMPSE_ASSETS ?? '../shared/assets');
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Throws AssetError naming the file and both hashes when the content is not the expected one. */
export function verifySha256(bytes: Uint8Array, spec: AssetSpec, where: string): void {
  if (!spec.sha256) return;
  const actual = sha256(bytes);
  if (actual !== spec.sha256) {
    throw new AssetError(
      `Refusing ${where}: sha256 ${actual} does not match the expected ${spec.sha256} for ${spec.path}. ` +
        `The file is corrupt or not the published one; restore it from ${spec.origin ?? 'its origin'}.`,
    );
  }
}

/** Reads an asset from the asset folder or, when that is missing, downloads it (verified) into .cache/. */
export async function readAsset(spec: AssetSpec): Promise<Uint8Array> {
  const local = resolve(assetRoot(), spec.path);
  if (existsSync(local)) {
    const bytes = new Uint8Array(readFileSync(local));
    verifySha256(bytes, spec, local);
    return bytes;
  }
  const cached = resolve(projectRoot(), '.cache/assets', spec.path);
  if (existsSync(cached)) {
    const bytes = new Uint8Array(readFileSync(cached));
    verifySha256(bytes, spec, cached);
    return bytes;
  }
  if (!spec.origin) {
    throw new AssetError(
      `Asset ${spec.path} not found under ${assetRoot()}. Set GLIMPSE_ASSETS to the folder holding the mirrored assets.`,
    );
  }
  console.log(`setup: ${local} missing; downloading ${spec.origin}`);
  const res = await fetch(spec.origin);
  if (!res.ok) throw new AssetError(`Download of ${spec.origin} failed: HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  verifySha256(bytes, spec, spec.origin);
  mkdirSync(dirname(cached), { recursive: true });
  writeFileSync(cached, bytes);
  return bytes;
}
