/**
 * Serves the partner example by hand: widget files on :4207 (with CORS), partner shop on :4217.
 * `npm run build:widget && npx tsx e2e/support/serve-widget-example.ts`, then open http://localhost:4217/.
 */
import { resolve } from 'node:path';
import { startStaticServer } from './static-server';

const root = resolve(import.meta.dirname, '../..');
const widget = await startStaticServer({ root: resolve(root, 'dist-widget'), port: 4207, cors: true });
const partner = await startStaticServer({ root: resolve(root, 'examples/partner'), port: 4217 });
console.log(`widget files: ${widget.url}\npartner shop: ${partner.url}  (Ctrl+C to stop)`);
