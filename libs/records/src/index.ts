export * from './edxml';
export * from './signature';
export * from './render';
export * from './archive';
