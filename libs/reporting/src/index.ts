export * from './consolidated-report';
export * from './report-text';
