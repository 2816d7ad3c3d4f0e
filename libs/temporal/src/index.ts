export * from './contracts';
export * from './temporal-client.module';
export * from './command-dispatch';
