import { DataSource, type DataSourceOptions } from 'typeorm';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { RoutingPolicy1764000000200 } from './migrations/1764000000200-routing-policy';
import { ClocksAndNotifications1764000000300 } from './migrations/1764000000300-clocks-and-notifications';
import { Substitutes1764000000400 } from './migrations/1764000000400-substitutes';
import { NotificationEmail1764000000700 } from './migrations/1764000000700-notification-email';
import { ProposalSearchText1764000000800 } from './migrations/1764000000800-proposal-search-text';
import { PlansAndReporting1764000000500 } from './migrations/1764000000500-plans-and-reporting';
import { TaskListIndexes1764000000600 } from './migrations/1764000000600-task-list-indexes';
import { CommandOutbox1764000001000 } from './migrations/1764000001000-command-outbox';
import { SearchTrigram1764000001100 } from './migrations/1764000001100-search-trigram';
import { AuthSessions1764000001200 } from './migrations/1764000001200-auth-sessions';
import { TaskOnBehalfOf1764000001300 } from './migrations/1764000001300-task-on-behalf-of';
import { AuditAppendOnlyRoles1764000001400 } from './migrations/1764000001400-audit-append-only-roles';
import { RoutingCorrections1764000001500 } from './migrations/1764000001500-routing-corrections';
import { OidcSignIn1764000001750 } from './migrations/1764000001750-oidc-sign-in';
import { Provinces1764000001800 } from './migrations/1764000001800-provinces';
import { OfficialDocuments1764000001900 } from './migrations/1764000001900-official-documents';
import { SignedCopiesAndEdxmlInbox1764000002000 } from './migrations/1764000002000-signed-copies-and-edxml-inbox';
import { CycleReportDocuments1764000002100 } from './migrations/1764000002100-cycle-report-documents';
import { UserPosition1764000002300 } from './migrations/1764000002300-user-position';
import { IncomingDocumentStatus1764000002400 } from './migrations/1764000002400-incoming-document-status';
import { AuditChainHead1764000002500 } from './migrations/1764000002500-audit-chain-head';

export const MIGRATIONS = [
  InitialSchema1764000000000,
  RoutingPolicy1764000000200,
  ClocksAndNotifications1764000000300,
  Substitutes1764000000400,
  PlansAndReporting1764000000500,
  TaskListIndexes1764000000600,
  NotificationEmail1764000000700,
  ProposalSearchText1764000000800,
  CommandOutbox1764000001000,
  SearchTrigram1764000001100,
  AuthSessions1764000001200,
  TaskOnBehalfOf1764000001300,
  AuditAppendOnlyRoles1764000001400,
  RoutingCorrections1764000001500,
  OidcSignIn1764000001750,
  Provinces1764000001800,
  OfficialDocuments1764000001900,
  SignedCopiesAndEdxmlInbox1764000002000,
  CycleReportDocuments1764000002100,
  UserPosition1764000002300,
  IncomingDocumentStatus1764000002400,
  AuditChainHead1764000002500,
];

export interface DatabaseConfig {
  url: string;
  /** Pool size per process (DATABASE_POOL_SIZE). */
  poolSize?: number;
}

/**
 * One DataSource definition for api, worker, scripts and tests. Never `synchronize`: migrations own the schema. No
 * entities: every read and write is SQL in the repositories (libs/persistence/src/<aggregate>/*.repository.ts).
 */
export function dataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.url,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    extra: { max: config.poolSize ?? 10 },
    logging: ['error'],
  };
}

export function createDataSource(config: DatabaseConfig): DataSource {
  return new DataSource(dataSourceOptions(config));
}
