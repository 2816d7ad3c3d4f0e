export * from './case-archive';
export * from './verify-case-archive';
