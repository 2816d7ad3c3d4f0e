// Imported first by main.ts: tracing must be installed before http and the Temporal SDK are loaded.
import { startTracing } from '@accord/telemetry';

startTracing('accord-worker');
