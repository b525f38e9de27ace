import { openStore } from '../../src/storage';
import { rankIndex } from './rank-index';
import { rankTf } from './ranking';
import { storageCases } from './storage';

/** Entry of the bench page: each suite's in-page measurements, called by bench/lib/browser.ts via page.evaluate. */
const api = { openStore, rankIndex, rankTf, ...storageCases };
(window as unknown as { glimpseBench: typeof api }).glimpseBench = api;
document.getElementById('status')!.textContent = 'ready';
