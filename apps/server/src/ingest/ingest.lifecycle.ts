import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { RejectionCode } from '#contracts';
import type { BrokerRefusal, RefusalReason, TelemetrySource } from '#mqtt';
import { InjectTelemetrySource } from '../broker/broker.tokens.js';
import { DeviceDirectory } from '../broker/device-directory.js';
import { PresenceTracker } from './device-state/presence-tracker.js';
import { IngestStorage } from './ingest-storage.js';
import { IngestService } from './ingest.service.js';
import { RejectionRecorder } from './rejections/rejection-recorder.js';

/** Broker refusals that concern a known device are also that device's rejections (CONTRACT.md §1). */
const REFUSAL_CODES: Partial<Record<RefusalReason, RejectionCode>> = {
  publish_not_allowed: 'topic_not_allowed',
  subscribe_not_allowed: 'topic_not_allowed',
  packet_too_large: 'payload_too_large',
  device_disabled: 'device_disabled',
};

/**
 * Start and stop order of the ingest role. Start: storage, then the device directory, then the broker
 * (nothing is accepted before it can be validated and stored). Stop: refuse new messages, make every
 * accepted one durable (their PUBACKs go out), flush PostgreSQL, and only then close the broker, so a
 * restart loses nothing: what was not acknowledged is sent again by the device or the broker.
 */
@Injectable()
export class IngestLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IngestLifecycle.name);

  constructor(
    @InjectTelemetrySource() private readonly source: TelemetrySource,
    private readonly directory: DeviceDirectory,
    private readonly storage: IngestStorage,
    private readonly ingest: IngestService,
    private readonly presence: PresenceTracker,
    private readonly rejections: RejectionRecorder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.storage.start();
      await this.directory.start();
      this.source.onMessage(this.ingest.handle);
      this.source.onPresence((deviceId, online) => this.presence.connection(deviceId, online));
      this.source.onRefusal((refusal) => this.refused(refusal));
      await this.source.start();
    } catch (err) {
      // A half-started ingest would hold the port, the spool lock and timers: undo, then fail the boot.
      await this.beforeApplicationShutdown().catch(() => undefined);
      throw err;
    }
    this.logger.log({ msg: 'ingest started', broker: this.source.mode, devices: this.directory.size });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.source.stopIntake();
    await this.storage.closeWriter();
    await this.storage.stop();
    await this.source.close();
    await this.directory.stop();
    this.logger.log({ msg: 'ingest stopped; every acknowledged message is durable' });
  }

  private refused(refusal: BrokerRefusal): void {
    const code = REFUSAL_CODES[refusal.reason];
    if (!code || !refusal.deviceId || !refusal.domain) return;
    this.rejections.record({ deviceId: refusal.deviceId, domain: refusal.domain }, refusal.topic ?? '', [
      { code, message: refusal.detail },
    ]);
  }
}
