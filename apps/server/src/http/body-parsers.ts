import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage } from 'node:http';

/** Bulk imports get a larger body limit than everything else. */
export const LARGE_BODY_PATHS: ReadonlySet<string> = new Set([
  '/api/v1/assets/import',
  '/api/v1/devices/import',
]);
/** 1 MB is far above any single-resource request; a larger body is a mistake or an attack. */
export const JSON_LIMIT = '1mb';
/** 10,000 features with line geometries and census attributes come to a few MB. */
export const IMPORT_LIMIT = '20mb';

const mediaType = (req: IncomingMessage): string =>
  (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
const isJson = (req: IncomingMessage): boolean =>
  mediaType(req) === 'application/json' || mediaType(req).endsWith('+json');
const isLarge = (req: IncomingMessage): boolean =>
  LARGE_BODY_PATHS.has((req.url ?? '').split('?')[0].replace(/\/+$/, ''));

/**
 * Replaces Nest's default parsers (100 kB JSON for every route) with per-route limits. A body over its
 * limit becomes a 413 and malformed JSON a 400, both answered as problem+json by the ProblemFilter.
 * JSON means application/json and any +json type (application/geo+json for GeoJSON imports).
 */
export function registerBodyParsers(app: NestExpressApplication): void {
  app.useBodyParser('json', {
    limit: IMPORT_LIMIT,
    type: (req: IncomingMessage) => isLarge(req) && isJson(req),
  });
  app.useBodyParser('text', {
    limit: IMPORT_LIMIT,
    type: (req: IncomingMessage) => isLarge(req) && mediaType(req) === 'text/csv',
  });
  app.useBodyParser('json', {
    limit: JSON_LIMIT,
    type: (req: IncomingMessage) => !isLarge(req) && isJson(req),
  });
}
