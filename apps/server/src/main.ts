import 'reflect-metadata';
import { startApp } from './app.factory.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { createRootLogger } from './logging/pino-logger.service.js';

/** A bad variable stops the process before anything starts, with a message naming it (exit 2). */
function configOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`lifeline: ${error.message}\n`);
    process.exit(2);
  }
}

/** `npm run serve`: validates the environment, starts the roles in LIFELINE_ROLES, prints where to look. */
async function main(): Promise<void> {
  const config = configOrExit();
  const { app, url } = await startApp(config);
  // SIGTERM/SIGINT run the shutdown hooks: brokers and writers flush, then the pool closes.
  app.enableShutdownHooks();
  const roles = Object.entries(config.roles)
    .filter(([, on]) => on)
    .map(([role]) => role);
  createRootLogger(config.log.level).info(
    { roles, url, publicUrl: config.http.publicUrl },
    'lifeline started',
  );
  process.stdout.write(
    `Lifeline (${roles.join(', ')}) listening on ${url}\n` +
      `  API      ${url}/api/v1\n  OpenAPI  ${url}/api/docs\n  ready    ${url}/health/ready\n  metrics  ${url}/metrics\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `lifeline: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
