import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { static as serveStatic, type NextFunction, type Request, type Response } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { AppConfig } from '@accord/config';
import { ApiModule } from './app.module';
import { methodNotAllowed } from './common/method-not-allowed';
import { completeDocument } from './common/openapi-document';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { httpMetricsMiddleware } from './metrics/http-metrics';
import { SafeInputPipe } from './common/safe-input.pipe';
import { createValidationPipe } from './common/validation';

/** Builds the HTTP app: /api/v1 prefix (but /health), problem+json errors, strict validation, OpenAPI from decorators. */
export async function createApiApp(config: AppConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bodyParser: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  app.use(httpMetricsMiddleware);
  app.useBodyParser('json', { limit: '1mb' });
  // Security headers. Scripts only from this origin, never inline: the built web app loads one module script by URL
  // and Swagger UI's page (@nestjs/swagger) loads its bundle and init code as files too, so an injected <script> or
  // on* attribute cannot run (issue 12, item 13). Inline styles stay allowed: React's style attributes and Swagger
  // UI's <style> need them, and a style cannot run code.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  // First what no handler can take (NUL characters, absurd nesting), then each DTO's own rules.
  app.useGlobalPipes(new SafeInputPipe(), createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  if (config.CORS_ORIGINS) {
    app.enableCors({
      origin: config.CORS_ORIGINS === '*' ? true : config.CORS_ORIGINS.split(','),
      exposedHeaders: ['Content-Disposition'],
    });
  }
  const document = completeDocument(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Accord API')
        .setDescription('Approvals of international agreements, mechanism participation and overseas offices (docs/api.md)')
        .setVersion('1')
        .addBearerAuth()
        .build(),
    ),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  app.use(methodNotAllowed(document));
  serveWebApp(app);
  return app;
}

/** apps/web/dist seen from the sources (apps/api/src) and from the compiled tree (dist/apps/api/src). */
const WEB_DIST = [join(__dirname, '..', '..', 'web', 'dist'), join(__dirname, '..', '..', '..', '..', 'apps', 'web', 'dist')];

/**
 * Serves the built web app (`npm run build:web`) when apps/web/dist exists: its files through express.static
 * (outside /api, /health and /metrics), then index.html for any other GET outside them, so the client-side
 * routes (/proposals/…, /tasks/…) survive a reload. Checked per request, so a build made after start is served.
 */
function serveWebApp(app: NestExpressApplication): void {
  const isApi = (path: string) => path === '/health' || path === '/metrics' || path === '/api' || path.startsWith('/api/');
  for (const dir of WEB_DIST) {
    const files = serveStatic(dir, {
      index: false,
      // Vite names assets by content hash: cache them for good; index.html must always be revalidated.
      setHeaders: (res, file) =>
        res.setHeader('Cache-Control', file.includes(`${join('dist', 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    // Api requests never look for a file: serve-static would stat /api/v1/tasks in each folder on every GET (4.6 % of
    // the api's CPU under load, docs/benchmarks.md).
    app.use((req: Request, res: Response, next: NextFunction) => (isApi(req.path) ? next() : files(req, res, next)));
  }
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApi(req.path) || extname(req.path)) return next();
    const index = WEB_DIST.map((dir) => join(dir, 'index.html')).find((file) => existsSync(file));
    if (!index) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
