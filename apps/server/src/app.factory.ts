import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { registerBodyParsers } from './http/body-parsers.js';
import { setupOpenApi } from './http/openapi.js';
import { createRootLogger, PinoLoggerService } from './logging/pino-logger.service.js';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware.js';
import { MetricsService } from './metrics/metrics.service.js';

/** Routes served outside /api/v1 (CONTRACT.md §3). A controller added here must be `@Public()` or guarded. */
export const UNPREFIXED_ROUTES = ['health/live', 'health/ready', 'metrics'];

/**
 * Builds and initialises the application from a validated config, without listening: migrations have
 * run and every module is ready. `main.ts` and the tests both start the server through `startApp`.
 */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const root = createRootLogger(config.log.level);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    // Parsers are registered below with per-route limits; Nest's default is one 100 kB limit for all.
    bodyParser: false,
    logger: new PinoLoggerService(root),
    // Throw on a bootstrap failure (e.g. PostgreSQL unreachable) instead of process.abort(), so the caller reports it.
    abortOnError: false,
  });
  // helmet-equivalent headers, minus CSP: its defaults (upgrade-insecure-requests, img-src 'self') would
  // break the console over plain HTTP on a LAN and map tiles from a tile server; the console sets its own.
  app.useSecurityHeaders({ contentSecurityPolicy: false });
  app.use(httpMetricsMiddleware(app.get(MetricsService), root.child({ component: 'http' })));
  registerBodyParsers(app);
  app.setGlobalPrefix('api/v1', { exclude: UNPREFIXED_ROUTES });
  setupOpenApi(app, config.http.publicUrl);
  await app.init();
  return app;
}

export interface StartedApp {
  app: NestExpressApplication;
  /** Base URL actually bound (port 0 resolves to the chosen port). */
  url: string;
}

/** createApp + listen on HOST:PORT (PORT 0 picks a free port, as the tests do). */
export async function startApp(config: AppConfig): Promise<StartedApp> {
  const app = await createApp(config);
  try {
    await app.listen(config.http.port, config.http.host);
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  return {
    app,
    url: `http://${config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host}:${port}`,
  };
}
