import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { PgNotifyListener } from '../../broker/pg-notify-listener.js';
import { AppConfig } from '../../config/app-config.js';
import { EngineCaches } from './engine-caches.js';

/**
 * Keeps the engine's caches current: registry changes (`asset_changed`: ownership, ancestry, census
 * values) and rule overrides, over one dedicated LISTEN connection. After a
 * reconnection everything but the rule states is re-read (notifications may have been missed).
 */
@Injectable()
export class EngineInvalidation implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EngineInvalidation.name);
  private listener: PgNotifyListener | null = null;

  constructor(
    private readonly caches: EngineCaches,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.listener = new PgNotifyListener({
      connectionString: this.config.database.url,
      channels: ['asset_changed', 'rule_overrides_changed'],
      onNotify: (channel, payload) => this.changed(channel, payload),
      onConnected: () => this.caches.resync(),
      onError: (err) => this.logger.warn({ msg: 'engine listener lost its connection', err: String(err) }),
    });
    await this.listener.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }

  private changed(channel: string, payload: string): void {
    if (channel === 'asset_changed') {
      this.caches.assetChanged(payload);
      return;
    }
    const [scope, ...rest] = payload.split(':');
    if (scope === 'profile' || scope === 'asset') this.caches.ruleSets.invalidate(scope, rest.join(':'));
  }
}
