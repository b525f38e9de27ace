import { expose } from 'comlink';
import { WidgetEngineService } from './engine-adapter';

// The worker's whole entry: one service per worker (one per <glimpse-recs> element).
expose(new WidgetEngineService());
