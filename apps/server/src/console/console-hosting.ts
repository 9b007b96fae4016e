import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ExpressAdapter } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { AppConfig } from '../config/app-config.js';
import { consoleCsp } from './content-security-policy.js';

/** Paths that belong to the API and the probes: never answered with the console (CONTRACT.md §3). */
const SERVER_PREFIXES = ['/api', '/health', '/metrics'];

type Next = (error?: unknown) => void;

function isServerPath(path: string): boolean {
  return SERVER_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Hosts the built console (apps/console/dist) at `/`: hashed assets cached for a year, index.html
 * revalidated, and every other GET that asks for HTML answered with index.html (client-side routes such
 * as /assets/GAS-SEG-0001). Registered in onModuleInit, i.e. after Nest's routes and before its 404
 * handler, so API routes always win.
 */
@Injectable()
export class ConsoleHosting implements OnModuleInit {
  private readonly logger = new Logger(ConsoleHosting.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter as ExpressAdapter;
    const dir = resolve(this.config.console.dir);
    const index = join(dir, 'index.html');
    const csp = consoleCsp(this.config.console.tileUrl);
    if (!existsSync(index))
      this.logger.warn(
        `no console at ${dir} (CONSOLE_DIR): run \`npm run build:console\`; the API is unaffected`,
      );
    adapter.use((req: IncomingMessage, res: ServerResponse, next: Next) => {
      if (!isServerPath(pathOf(req))) res.setHeader('Content-Security-Policy', csp);
      next();
    });
    adapter.useStaticAssets(dir, {
      index: false,
      setHeaders: (res: ServerResponse, path: string) => {
        const hashed = path.startsWith(join(dir, 'assets'));
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    adapter.use((req: IncomingMessage, res: ServerResponse, next: Next) => {
      if (!wantsPage(req)) return next();
      // Read per navigation (a few kB, in the page cache): a rebuilt console is served without a restart.
      readFile(index, 'utf8').then(
        (html) => {
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.setHeader('Cache-Control', 'no-cache');
          res.end(req.method === 'HEAD' ? undefined : html);
        },
        () => {
          res.statusCode = 503;
          res.setHeader('Content-Type', 'text/plain; charset=utf-8');
          res.end('The console is not built: run `npm run build:console`.\n');
        },
      );
    });
  }
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://console').pathname;
}

/**
 * A navigation to a console route: GET/HEAD outside the server paths, by a browser (it accepts HTML).
 * A script or stylesheet that is missing (a stale hashed name) gets a 404, never the page as script.
 */
function wantsPage(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (isServerPath(pathOf(req))) return false;
  return (req.headers.accept ?? '').includes('text/html');
}
