export * from './verify-signed-pdf';
