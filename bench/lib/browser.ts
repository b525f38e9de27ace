import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { withTimeout } from './rows';

type BenchApi = Record<string, (...args: (number | boolean)[]) => Promise<unknown>>;

/** Calls window.glimpseBench[name](...args) on the bench page (bench/browser/main.ts) and returns its JSON. */
export async function callBench<T>(page: Page, name: string, ...args: (number | boolean)[]): Promise<T> {
  await page.waitForFunction(() => 'glimpseBench' in window);
  return page.evaluate(
    ([n, a]) => (window as unknown as { glimpseBench: BenchApi }).glimpseBench[n as string](...(a as (number | boolean)[])),
    [name, args] as const,
  ) as Promise<T>;
}

/**
 * Headless Chromium runner for the browser suites: builds the target if its output is stale or missing,
 * serves it with `vite preview` (COOP/COEP, so pages are cross-origin isolated and threaded WASM works),
 * launches Debian's Chromium and always tears everything down, even when a measurement throws.
 */
export const BENCH_PORT = Number(process.env.GLIMPSE_BENCH_PORT ?? 4209);
const root = resolve(import.meta.dirname, '../..');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BuildTarget {
  /** Output folder relative to the repo root, e.g. 'dist'. */
  outDir: string;
  /** Vite config file relative to the repo root (default: vite.config.ts). */
  config?: string;
  /** Folders whose files, if newer than the output, force a rebuild. */
  sources: string[];
}

export const APP: BuildTarget = { outDir: 'dist', sources: ['src', 'index.html', 'bench.html', 'bench/browser', 'vite.config.ts', 'scripts/vite', 'public'] };
export const BENCH_PAGE: BuildTarget = {
  outDir: 'dist-bench',
  config: 'bench/browser/vite.config.ts',
  sources: ['src', 'bench/browser', 'scripts/vite'],
};

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of readdirSync(path)) if (e !== 'generated' && e !== 'node_modules') m = Math.max(m, newestMtime(join(path, e)));
  return m;
}

/** True when the output is missing or older than any of its sources. */
export function isStale(target: BuildTarget, at = root): boolean {
  const out = join(at, target.outDir);
  if (!existsSync(join(out, 'index.html'))) return true;
  const built = statSync(join(out, 'index.html')).mtimeMs;
  return target.sources.some((s) => newestMtime(join(at, s)) > built);
}

export function ensureBuilt(target: BuildTarget, log: (l: string) => void): void {
  if (!isStale(target)) return;
  log(`building ${target.outDir} (stale or missing)...`);
  const args = ['vite', 'build', ...(target.config ? ['-c', target.config] : [])];
  const r = spawnSync('npx', args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build ${target.outDir} failed: ${r.stderr.slice(-2000)}`);
}

async function waitForServer(url: string, child: ChildProcess, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer on ${url} within ${ms} ms`);
}

export interface BrowserSession {
  url: string;
  /**
   * Opens a fresh context (optionally on a persistent profile dir, for cold/warm storage runs). After
   * `timeoutMs` the browser is closed and the call rejects with CaseTimeout, so no case can hang the run.
   */
  withContext<T>(fn: (ctx: BrowserContext) => Promise<T>, profileDir?: string, timeoutMs?: number): Promise<T>;
  /** Opens `path` in a fresh context and runs fn on the page (same timeout as withContext). */
  withPage<T>(path: string, fn: (page: Page) => Promise<T>, profileDir?: string, timeoutMs?: number): Promise<T>;
  newProfileDir(): string;
}

/** Serves `target` and hands a session to fn; preview server, browsers and temp profiles are closed in all cases. */
export async function withPreview<T>(
  target: BuildTarget,
  log: (l: string) => void,
  fn: (session: BrowserSession) => Promise<T>,
): Promise<T> {
  ensureBuilt(target, log);
  // A config with its own root resolves outDir against that root, so only the default config gets --outDir.
  const args = ['vite', 'preview', '--port', String(BENCH_PORT), '--strictPort'];
  args.push(...(target.config ? ['-c', target.config] : ['--outDir', target.outDir]));
  const server = spawn('npx', args, { cwd: root, stdio: 'ignore', detached: true });
  const url = `http://localhost:${BENCH_PORT}`;
  const dirs: string[] = [];
  try {
    await waitForServer(`${url}/`, server);
    const session: BrowserSession = {
      url,
      newProfileDir() {
        const d = mkdtempSync(join(tmpdir(), 'glimpse-bench-'));
        dirs.push(d);
        return d;
      },
      async withContext(run, profileDir, timeoutMs) {
        const launch = { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS };
        const bounded = <R>(work: Promise<R>, close: () => Promise<void>) => (timeoutMs ? withTimeout(work, timeoutMs, close) : work);
        if (profileDir) {
          const ctx = await chromium.launchPersistentContext(profileDir, launch);
          try {
            return await bounded(run(ctx), () => ctx.close());
          } finally {
            await ctx.close();
          }
        }
        const browser = await chromium.launch(launch);
        try {
          return await bounded(browser.newContext().then(run), () => browser.close());
        } finally {
          await browser.close();
        }
      },
      withPage(path, run, profileDir, timeoutMs) {
        return session.withContext(async (ctx) => {
          const page = await ctx.newPage();
          page.setDefaultTimeout(600_000);
          await page.goto(`${url}${path}`);
          return run(page);
        }, profileDir, timeoutMs);
      },
    };
    return await fn(session);
  } finally {
    // The whole process group: npx -> vite.
    try {
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
