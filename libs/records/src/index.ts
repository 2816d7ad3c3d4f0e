export * from './edxml';
export * from './signature';
