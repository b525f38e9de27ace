import base from './playwright.config';
import { defineConfig } from '@playwright/test';

/**
 * Runs only the widget's cross-origin specs, without the app's vite preview (the spec starts its own two
 * static servers): `npm run build:widget && npx playwright test -c playwright.widget.config.ts`.
 * The main config runs the same spec as part of `npm test`.
 */
export default defineConfig({
  ...base,
  webServer: undefined,
  testMatch: /widget\.spec\.ts$/,
  projects: base.projects?.filter((p) => p.name === 'app'),
});
