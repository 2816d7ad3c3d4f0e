// Moved to libs/persistence with the SQL it builds (issue 18: queries live in repositories); kept for the callers here.
export * from '@accord/persistence/sql/text-fold';
