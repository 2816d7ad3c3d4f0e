// Types for scripts/embedded-postgres.js (plain CommonJS so scripts/dev.js can load it without a TypeScript loader).
export interface EmbeddedPostgresOptions {
  dir: string;
  port: number;
  durable?: boolean;
  persistent?: boolean;
  password?: string;
  maxConnections?: number;
  log?: (line: string) => void;
}
export interface EmbeddedPostgres {
  readonly adminUrl: string;
  readonly port: number;
  readonly dir: string;
  /** The directory of the Unix socket, or null when the server listens on TCP only. */
  readonly socketDir: string | null;
  urlOf(database: string): string;
  /** Over the Unix socket inside the data directory when the platform and the path allow one, else as urlOf. */
  socketUrlOf(database: string): string;
  ensureDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
  crash(): Promise<void>;
  start(): Promise<void>;
}
export declare class EmbeddedPostgresError extends Error {}
export declare const EMBEDDED_MAJOR: string;
export declare function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres>;
