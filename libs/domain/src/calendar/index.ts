export * from './calendar.types';
export * from './business-calendar';
export * from './vietnam-holidays';
