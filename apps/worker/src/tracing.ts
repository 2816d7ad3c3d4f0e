// Imported first by main.ts: tracing must be installed before http and the Temporal SDK are loaded.
import { startTracing } from '../../../libs/telemetry/src';

startTracing('accord-worker');
