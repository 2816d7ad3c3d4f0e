export * from './vietnamese-text';
export * from './agency-matching';
export * from './time-frame';
export * from './plan-item-schedule';
