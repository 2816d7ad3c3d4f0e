export * from './app-config';
export * from './redact-url';
