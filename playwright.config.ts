import { defineConfig } from '@playwright/test';

// Debian's Chromium: browsers cannot be downloaded here. scripts/test.sh installs it when missing.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const baseArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
const port = Number(process.env.GLIMPSE_E2E_PORT ?? 4173);

/** One project per backend flag set; specs pick the backend with ?backend=<name> where it matters. */
const project = (name: string, args: string[]) => ({
  name,
  use: { browserName: 'chromium' as const, launchOptions: { executablePath, args: [...baseArgs, ...args] } },
});

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { baseURL: `http://localhost:${port}`, trace: 'retain-on-failure' },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
  // `app` runs every spec once; the backend projects run only *.backend.spec.ts, each with its flag set.
  projects: [
    { ...project('app', ['--enable-unsafe-webgpu']), testIgnore: /\.backend\.spec\.ts$/ },
    { ...project('webgpu', ['--enable-unsafe-webgpu']), testMatch: /\.backend\.spec\.ts$/ },
    { ...project('webgl', ['--use-angle=swiftshader']), testMatch: /\.backend\.spec\.ts$/ },
    { ...project('no-gpu', ['--disable-gpu', '--disable-webgl', '--disable-webgpu']), testMatch: /\.backend\.spec\.ts$/ },
  ],
});
