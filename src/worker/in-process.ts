import { createWorkerApi } from './api';
import { createDefaultService } from './default-service';
import type { WorkerApi } from './protocol';

/** The same service on the main thread (loaded lazily, only when the Worker is unusable). */
export function createInProcessApi(): WorkerApi {
  return createWorkerApi(createDefaultService());
}
