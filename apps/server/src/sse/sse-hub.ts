import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Gauge } from 'prom-client';
import { ownerScope, type Principal } from '../auth/principal.js';
import { PgNotifyListener } from '../broker/pg-notify-listener.js';
import { AppConfig } from '../config/app-config.js';
import { AppException } from '../errors/app.exception.js';
import { EventsService, PLATFORM_EVENT_CHANNEL } from '../events/events.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { SseClient } from './sse-client.js';

/** Comment line every 15 s: keeps proxies from closing an idle stream and lets clients detect a dead one. */
export const HEARTBEAT_MS = 15_000;
const PAGE = 500;

/**
 * Fan-out of the platform event log to SSE clients. One LISTEN connection per process: a notification
 * only says "something new"; the hub then reads every row after the last id it has seen, in id order,
 * and offers each to every live client. Ids become visible in commit order (EventsService's append
 * lock), so reading `id > last` neither skips nor repeats an event, however bursty the writers.
 * A client resuming with Last-Event-ID first replays from the table, then joins the live fan-out.
 */
@Injectable()
export class SseHub implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SseHub.name);
  private readonly clients = new Set<SseClient>();
  private readonly gauge: Gauge;
  private lastId = 0;
  private reading: Promise<void> | null = null;
  private again = false;
  private listener: PgNotifyListener | null = null;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly events: EventsService,
    private readonly config: AppConfig,
    metrics: MetricsService,
  ) {
    this.gauge = new Gauge({
      name: 'lifeline_sse_clients',
      help: 'Connected Server-Sent Events clients',
      registers: [metrics.registry],
      collect: () => this.gauge.set(this.clients.size),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.lastId = Number(await this.events.latestId());
    this.listener = new PgNotifyListener({
      connectionString: this.config.database.url,
      channels: [PLATFORM_EVENT_CHANNEL],
      onNotify: () => this.poll(),
      // Events committed while the connection was down were not notified: read them now.
      onConnected: () => this.poll(),
      onError: (err) => this.logger.warn({ msg: 'SSE listener lost its connection', err: String(err) }),
    });
    await this.listener.start();
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Ends every stream (so `app.close()` does not wait on them) and stops listening. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.close();
    this.clients.clear();
    await this.listener?.stop();
    await this.reading;
  }

  /** Starts a stream for `principal`, replaying after `lastEventId` when given. */
  async attach(
    req: IncomingMessage,
    res: ServerResponse,
    principal: Principal,
    lastEventId?: number,
  ): Promise<void> {
    if (this.stopped) throw new AppException('NOT_READY', 'the server is shutting down');
    const scope = ownerScope(principal);
    const client = new SseClient(
      res,
      { ownerUnitId: scope, excludeSuppressed: principal.role === 'utility' },
      lastEventId ?? this.lastId,
    );
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    req.socket.setNoDelay(true);
    client.write('retry: 2000\n: connected\n\n');
    this.clients.add(client);
    res.on('close', () => {
      client.closed = true;
      this.clients.delete(client);
    });
    try {
      await this.replay(client);
    } catch (err) {
      this.logger.warn({ msg: 'SSE replay failed; closing the stream', err: String(err) });
      client.close();
    }
  }

  /** Reads the table for this client until it has caught up with the hub, then makes it live. */
  private async replay(client: SseClient): Promise<void> {
    while (!client.closed && client.cursor < this.lastId) {
      const seen = this.lastId;
      const rows = await this.events.since(String(client.cursor), {
        ownerUnitId: client.filter.ownerUnitId,
        excludeSuppressed: client.filter.excludeSuppressed,
        limit: PAGE,
      });
      for (const row of rows) client.offer(row);
      // A short page means nothing else up to `seen` is for this client (ids ≤ seen are final).
      if (rows.length < PAGE) client.skipTo(seen);
    }
    client.live = true;
  }

  private poll(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.readNew()
      .catch((err: unknown) => this.logger.warn({ msg: 'SSE read failed', err: String(err) }))
      .finally(() => {
        this.reading = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.poll();
        }
      });
  }

  private async readNew(): Promise<void> {
    for (;;) {
      const rows = await this.events.since(String(this.lastId), { limit: PAGE });
      for (const row of rows) {
        for (const client of this.clients) if (client.live) client.offer(row);
        this.lastId = Number(row.id);
      }
      if (rows.length < PAGE) return;
    }
  }

  private beat(): void {
    for (const client of this.clients) client.comment('heartbeat');
  }
}
