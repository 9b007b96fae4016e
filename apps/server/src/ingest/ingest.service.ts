import { Injectable, Logger } from '@nestjs/common';
import { parseDeviceTopic, type ParsedDeviceTopic } from '#contracts';
import type { Rejection } from '#domain';
import { DeviceDirectory, type DirectoryEntry } from '../broker/device-directory.js';
import { DeviceEventIngest } from './device-events/device-event.ingest.js';
import { IngestMetrics } from './ingest-metrics.js';
import { PresenceTracker } from './device-state/presence-tracker.js';
import { RejectionRecorder } from './rejections/rejection-recorder.js';
import { TelemetryIngest, type Done } from './telemetry-ingest.js';

/**
 * The MQTT message handler (`TelemetrySource.onMessage`): resolves the device from the in-memory
 * directory and routes the message by topic kind. Nothing thrown escapes: an unexpected error becomes an
 * `invalid_document` rejection and the message is acknowledged, since a resend would fail the same way.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);

  constructor(
    private readonly directory: DeviceDirectory,
    private readonly telemetry: TelemetryIngest,
    private readonly events: DeviceEventIngest,
    private readonly presence: PresenceTracker,
    private readonly rejections: RejectionRecorder,
    private readonly metrics: IngestMetrics,
  ) {}

  /** Bound, so it can be passed to `TelemetrySource.onMessage` as it is. */
  readonly handle = (topic: string, payload: Buffer, done: Done): void => {
    const now = Date.now();
    let settled = false;
    const once: Done = (err) => {
      if (settled) return;
      settled = true;
      done(err);
    };
    try {
      this.route(topic, payload, once, now);
    } catch (err) {
      this.failed(topic, err, now);
      once();
    }
  };

  private route(topic: string, payload: Buffer, done: Done, now: number): void {
    const parsed = parseDeviceTopic(topic);
    if (!parsed || parsed.kind === 'errors' || parsed.kind === 'config') {
      this.metrics.messages.invalid.inc();
      const message = `topic "${topic.slice(0, 100)}" is not lifeline/v1/{domain}/{deviceId}/{telemetry|status|event}`;
      this.rejections.record(
        parsed && { deviceId: parsed.deviceId, domain: parsed.domain },
        topic,
        [{ code: 'invalid_topic', message }],
        now,
      );
      return done();
    }
    this.metrics.messages[parsed.kind].inc();
    const device = this.resolve(parsed, topic, now);
    if (!device) return done();
    switch (parsed.kind) {
      case 'telemetry':
        return this.telemetry.handle(device, topic, payload, done, now);
      case 'event':
        return this.events.handle(device, topic, payload, done, now);
      case 'status':
        this.presence.status(device, topic, payload, now);
        // Presence is state, not a measurement: the retained message itself is the durable record.
        return done();
    }
  }

  /** The device the topic names, or null after rejecting the message with the reason. */
  private resolve(parsed: ParsedDeviceTopic, topic: string, now: number): DirectoryEntry | null {
    const device = this.directory.get(parsed.deviceId);
    let rejection: Rejection | null = null;
    if (!device)
      rejection = { code: 'unknown_device', message: `device ${parsed.deviceId} is not registered` };
    else if (!device.profile.enabled)
      rejection = { code: 'device_disabled', message: `device ${parsed.deviceId} is disabled` };
    else if (device.profile.domain !== parsed.domain) {
      rejection = {
        code: 'domain_mismatch',
        message: `device ${parsed.deviceId} belongs to ${device.profile.domain}, not ${parsed.domain}`,
      };
    }
    if (!rejection) return device ?? null;
    this.rejections.record({ deviceId: parsed.deviceId, domain: parsed.domain }, topic, [rejection], now);
    return null;
  }

  private failed(topic: string, err: unknown, now: number): void {
    this.logger.error({
      msg: 'ingest failed on a message',
      topic: topic.slice(0, 200),
      err: err instanceof Error ? err.stack : String(err),
    });
    const parsed = parseDeviceTopic(topic);
    try {
      const target = parsed && { deviceId: parsed.deviceId, domain: parsed.domain };
      this.rejections.record(
        target,
        topic,
        [{ code: 'invalid_document', message: 'the message could not be processed' }],
        now,
      );
    } catch {
      // Already logged above; the acknowledgement must still go out.
    }
  }
}
