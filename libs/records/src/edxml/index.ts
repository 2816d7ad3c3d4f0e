export * from './edxml.types';
export { buildEdxmlPackage, parseEdxmlPackage, sha256Hex, validateEdxmlDocument, type BuildEdxmlOptions } from './edxml-package';
export { buildEdxmlStatus, parseEdxmlStatus, validateEdxmlStatus } from './edxml-status';
export * from './organ-ids';
