export * from './contracts';
export * from './temporal-client.module';
