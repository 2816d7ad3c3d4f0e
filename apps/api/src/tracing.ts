// Imported first by main.ts: tracing must be installed before http/express are loaded.
import { startTracing } from '@accord/telemetry';

startTracing('accord-api');
