// Layer rules from ARCHITECTURE.md: who may import whom. A violation is a lint error, not a review comment.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const tf = { group: ['@tensorflow/*'], message: 'Only src/engine may import TF.js.' };
const idb = { group: ['idb', 'idb/*'], message: 'Only src/storage may import idb.' };
const react = { group: ['react', 'react-dom', 'react-dom/*'], message: 'React belongs to src/app only.' };
const testing = { group: ['**/testing/**'], message: 'Production code never imports src/testing.' };
const layer = (name, why) => ({ group: [`**/${name}/**`, `../${name}`, `../../${name}`], message: why });

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['.cache/**', 'dist/**', 'dist-widget/**', 'dist-bench/**', 'node_modules/**', 'public/**', 'coverage/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['scripts/**/*.{js,mjs}', '*.config.{js,ts}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(tf, idb, react, testing, layer('core', 'shared is the bottom layer.'), layer('engine', 'shared is the bottom layer.')),
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(tf, idb, react, testing,
      layer('engine', 'core is pure.'), layer('storage', 'core is pure.'), layer('worker', 'core is pure.'),
      layer('app', 'core is pure.'), layer('features', 'core sits below features.')),
  },
  {
    files: ['src/features/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(tf, idb, react, testing, layer('engine', 'features is pure.'), layer('storage', 'features is pure.'),
      layer('worker', 'features is pure.'), layer('app', 'features is pure.')),
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(idb, react, testing, layer('storage', 'engine does not store.'), layer('worker', 'engine sits below worker.'), layer('app', 'engine has no UI.')),
  },
  {
    files: ['src/storage/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(tf, react, testing, layer('engine', 'storage does not compute.'), layer('worker', 'storage sits below worker.'), layer('app', 'storage has no UI.')),
  },
  {
    files: ['src/worker/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(react, testing, layer('app', 'worker has no UI.'), layer('widget', 'worker has no UI.')),
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(tf, idb, testing, layer('engine', 'The app talks to the engine through the worker client.'),
        layer('storage', 'The app talks to storage through the worker client.'), layer('widget', 'app and widget are siblings.')),
    },
  },
  {
    files: ['src/widget/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(tf, idb, react, testing, layer('engine', 'The widget talks to the engine through the worker client.'),
      layer('storage', 'The widget talks to storage through the worker client.'), layer('app', 'app and widget are siblings.')),
  },
  {
    // The widget's engine worker (runs inside its Web Worker, never on the page): worker-layer rules.
    files: ['src/widget/worker/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(react, testing, layer('app', 'worker has no UI.')),
  },
);
