/// <reference lib="webworker" />
// The thin worker entry: builds the service and exposes it over comlink. Everything else lives in service.ts.
import * as Comlink from 'comlink';
import { createWorkerApi } from './api';
import { createDefaultService } from './default-service';

Comlink.expose(createWorkerApi(createDefaultService()));
