export * from './edxml';
