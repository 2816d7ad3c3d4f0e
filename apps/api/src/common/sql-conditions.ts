/** Moved to libs/persistence so the repositories build their list queries with it; kept here for the api's imports. */
export { SqlConditions } from '../../../../libs/persistence/src/sql/sql-conditions';
