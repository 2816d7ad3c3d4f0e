import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from '@accord/config';

/** The loaded configuration for every feature module (a provider of the root module alone is not visible to them). */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AppConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}
