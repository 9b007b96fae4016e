import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { planDispatch } from '#domain';
import { PgNotifyListener } from '../../broker/pg-notify-listener.js';
import { AppConfig } from '../../config/app-config.js';
import { PLATFORM_EVENT_CHANNEL } from '../../events/events.service.js';
import { DeliveryQueueRepository, type ClaimedDelivery } from './delivery-queue.repository.js';
import { DeliveryWorker } from './delivery-worker.js';
import { OutboxRelay, WEBHOOK_DELIVERY_CHANNEL } from './outbox-relay.js';

/** In-flight attempts get this long to finish at shutdown before they are aborted and handed back. */
const SHUTDOWN_GRACE_MS = 5000;
/** A lease outlives the attempt's timeout by this margin (recording it, a slow database). */
const LEASE_MARGIN_MS = 30_000;

interface InFlight {
  endpointId: string;
  done: Promise<void>;
}

/**
 * The dispatcher loop (dispatcher role). Woken by `LISTEN platform_event` / `webhook_delivery`, by a
 * finished attempt and by a timer set to the next due delivery (at most WEBHOOK_POLL_MS away, the safety
 * net for a missed notification). Each pass relays new events into deliveries, then starts as many due
 * deliveries as the global pool and the per-endpoint caps allow (planDispatch), each on its own promise.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly inFlight = new Map<number, InFlight>();
  private readonly abort = new AbortController();
  private listener: PgNotifyListener | null = null;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  /** New events were announced (or the safety-net timer fired): the next pass runs the relay. */
  private relayWanted = true;
  private lastRelayAt = 0;
  private stopped = false;
  private round = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly relay: OutboxRelay,
    private readonly queue: DeliveryQueueRepository,
    private readonly worker: DeliveryWorker,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.listener = new PgNotifyListener({
      connectionString: this.config.database.url,
      channels: [PLATFORM_EVENT_CHANNEL, WEBHOOK_DELIVERY_CHANNEL],
      onNotify: (channel) => this.wake(channel === PLATFORM_EVENT_CHANNEL),
      // Notifications sent while the listener was away are lost: relay whatever is there.
      onConnected: () => this.wake(true),
      onError: (err) =>
        this.logger.warn({ msg: 'webhook listener lost its connection; reconnecting', err: String(err) }),
    });
    await this.listener.start();
    this.wake(true);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.listener?.stop();
    await this.running;
    const pending = [...this.inFlight.values()].map((f) => f.done);
    const grace = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
    await Promise.race([Promise.all(pending), grace]);
    this.abort.abort();
    await Promise.all(pending);
  }

  /** Runs a pass now, or right after the one in progress; `relay` when new events may be waiting. */
  wake(relay = false): void {
    if (this.stopped) return;
    if (relay) this.relayWanted = true;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.pass().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async pass(): Promise<void> {
    let nextInMs = this.config.webhooks.pollMs;
    try {
      // Also every WEBHOOK_POLL_MS whatever happens: the safety net for a missed notification.
      if (this.relayWanted || Date.now() - this.lastRelayAt >= this.config.webhooks.pollMs) {
        this.relayWanted = false;
        this.lastRelayAt = Date.now();
        await this.relay.drain();
      }
      nextInMs = Math.min(nextInMs, await this.dispatchDue());
    } catch (error) {
      this.relayWanted = true; // the relay may be what failed: try it again next time
      this.logger.error({ msg: 'webhook dispatch pass failed', err: String(error) });
    }
    if (!this.stopped) this.timer = setTimeout(() => this.wake(), Math.max(nextInMs, 10));
  }

  /** Starts what may start now; returns ms until the next delivery falls due. */
  private async dispatchDue(): Promise<number> {
    const now = Date.now();
    const readiness = await this.queue.readiness();
    const ready = readiness
      .filter((r) => r.dueAt.getTime() <= now)
      .map((r) => ({ endpointId: r.endpointId, inFlight: this.inFlightOf(r.endpointId) }));
    const { concurrency, endpointConcurrency, timeoutMs } = this.config.webhooks;
    const plan = planDispatch(ready, {
      perEndpoint: endpointConcurrency,
      globalFree: concurrency - this.inFlight.size,
      startAt: this.round++,
    });
    for (const [endpointId, slots] of plan) {
      for (const claim of await this.queue.claim(endpointId, slots, timeoutMs + LEASE_MARGIN_MS))
        this.start(claim);
    }
    const later = readiness.map((r) => r.dueAt.getTime() - now).filter((ms) => ms > 0);
    return later.length > 0 ? Math.min(...later) : Number.POSITIVE_INFINITY;
  }

  private start(claim: ClaimedDelivery): void {
    const done = this.worker
      .work(claim, this.abort.signal)
      .catch((error: unknown) =>
        this.logger.error({
          msg: 'webhook delivery failed to record',
          deliveryId: claim.id,
          err: String(error),
        }),
      )
      .finally(() => {
        this.inFlight.delete(claim.id);
        // A finished attempt frees a slot and may unblock the next delivery of its ordering key.
        this.wake();
      });
    this.inFlight.set(claim.id, { endpointId: claim.endpointId, done });
  }

  private inFlightOf(endpointId: string): number {
    let n = 0;
    for (const f of this.inFlight.values()) if (f.endpointId === endpointId) n += 1;
    return n;
  }
}
