import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { MetricsService } from './metrics.service.js';

interface RoutedRequest extends IncomingMessage {
  originalUrl?: string;
  /** Set by Express when a route matched: its pattern, e.g. /api/v1/assets/:id. */
  route?: { path?: string };
}

const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * Times every request and writes one access-log line. Mounted before the body parsers so 413s and
 * malformed bodies are counted too. Labels use the route pattern, never the raw URL, to keep the
 * histogram's cardinality bounded.
 */
export function httpMetricsMiddleware(metrics: MetricsService, log: Logger) {
  return (req: RoutedRequest, res: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = req.route?.path ?? 'unmatched';
      metrics.httpDuration.observe(
        { method: req.method ?? 'GET', route, status_code: String(res.statusCode) },
        seconds,
      );
      // Probes and scrapes arrive every few seconds; keep them out of the info-level access log.
      const level = QUIET_ROUTES.has(route) ? 'debug' : 'info';
      log[level](
        {
          method: req.method,
          url: req.originalUrl ?? req.url,
          status: res.statusCode,
          ms: Math.round(seconds * 1000),
        },
        'http',
      );
    });
    next();
  };
}
