import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { PgNotifyListener } from '../broker/pg-notify-listener.js';
import { AppConfig } from '../config/app-config.js';
import { EventsService, PLATFORM_EVENT_CHANNEL, type StoredPlatformEvent } from '../events/events.service.js';
import { RISK_INPUT_CHANNEL } from './risk-channels.js';
import type { RiskTrigger } from './risk-metrics.js';
import { RiskEvaluator } from './risk-evaluator.service.js';

const CHANNELS = [PLATFORM_EVENT_CHANNEL, 'asset_changed', 'device_changed', RISK_INPUT_CHANNEL];
const PAGE = 500;

/** Platform events that change an input of the risk model, and the trigger they count as. */
function triggerOf(event: StoredPlatformEvent): RiskTrigger | null {
  if (event.type.startsWith('alarm.')) return 'alarm';
  if (event.type === 'device.offline' || event.type === 'device.online') return 'device';
  return null;
}

/**
 * Turns PostgreSQL notifications into re-assessments. Platform events (alarms, device presence) are read
 * back from `platform_events` after a cursor, so none is missed across a reconnect: the log is durable.
 * Registry notifications are not; after a reconnect a sweep re-assesses everything instead.
 */
@Injectable()
export class RiskTriggerListener implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RiskTriggerListener.name);
  private listener: PgNotifyListener | null = null;
  /** Id of the last platform event read; commit order equals id order (EventsService), so none is skipped. */
  private cursor = '0';
  private connectedOnce = false;
  private reading: Promise<void> | null = null;
  private readAgain = false;

  constructor(
    private readonly config: AppConfig,
    private readonly events: EventsService,
    private readonly evaluator: RiskEvaluator,
  ) {}

  /** Before the boot sweep reads anything: every later event is then either in the sweep or after the cursor. */
  async onModuleInit(): Promise<void> {
    this.cursor = await this.events.latestId();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.listener = new PgNotifyListener({
      connectionString: this.config.database.url,
      channels: CHANNELS,
      onNotify: (channel, payload) => this.notified(channel, payload),
      onConnected: () => this.connected(),
      onError: (err) => this.logger.warn({ msg: 'risk trigger listener lost PostgreSQL', err: String(err) }),
    });
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.stop();
    await this.reading;
  }

  private connected(): void {
    if (this.connectedOnce) this.evaluator.requestSweep('reconnect');
    this.connectedOnce = true;
    this.readEvents();
  }

  private notified(channel: string, payload: string): void {
    if (channel === PLATFORM_EVENT_CHANNEL) this.readEvents();
    else if (channel === 'asset_changed') this.evaluator.assetsChanged([payload], 'asset');
    else if (channel === 'device_changed') this.evaluator.devicesChanged([payload], 'device');
    else if (channel === RISK_INPUT_CHANNEL) this.evaluator.assetsChanged([payload], 'external');
  }

  /** One reader at a time; a notification during a read makes it read once more. */
  private readEvents(): void {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.readPages()
      .catch((err: unknown) => this.logger.error({ msg: 'reading platform events failed', err: String(err) }))
      .finally(() => {
        this.reading = null;
        if (this.readAgain) {
          this.readAgain = false;
          this.readEvents();
        }
      });
  }

  private async readPages(): Promise<void> {
    for (;;) {
      const page = await this.events.since(this.cursor, { limit: PAGE });
      for (const event of page) {
        const trigger = triggerOf(event);
        if (trigger && event.assetId) this.evaluator.assetsChanged([event.assetId], trigger);
      }
      if (page.length > 0) this.cursor = page[page.length - 1].id;
      if (page.length < PAGE) return;
    }
  }
}
