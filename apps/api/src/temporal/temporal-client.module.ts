import { Global, Inject, Injectable, Module, type OnApplicationShutdown, type DynamicModule } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { tracingEnabled } from '@accord/telemetry';

export interface TemporalClientOptions {
  address: string;
  namespace: string;
}

/** Owns the client connection: lazy, so the api starts (and reports 503 on /health) while Temporal is down. */
@Injectable()
export class TemporalClientService implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;

  constructor(@Inject('TEMPORAL_OPTIONS') options: TemporalClientOptions) {
    this.connection = Connection.lazy({ address: options.address });
    // With tracing on, workflow starts and Updates carry the caller's trace context into Temporal.
    const interceptors = tracingEnabled() ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : undefined;
    this.client = new Client({ connection: this.connection, namespace: options.namespace, ...(interceptors ? { interceptors } : {}) });
  }

  /** True when the server answers within the deadline. */
  async isUp(timeoutMs = 2000): Promise<boolean> {
    try {
      await this.connection.withDeadline(Date.now() + timeoutMs, () => this.connection.workflowService.getSystemInfo({}));
      return true;
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

@Global()
@Module({})
export class TemporalClientModule {
  static forRoot(options: TemporalClientOptions): DynamicModule {
    return {
      module: TemporalClientModule,
      providers: [{ provide: 'TEMPORAL_OPTIONS', useValue: options }, TemporalClientService],
      exports: [TemporalClientService],
    };
  }
}
