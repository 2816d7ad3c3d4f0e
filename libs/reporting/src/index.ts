export * from './consolidated-report';
export * from './report-text';
export * from './agreement-registry';
