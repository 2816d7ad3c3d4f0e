export * from './document-layout';
export * from './render-docx';
export * from './render-pdf';
