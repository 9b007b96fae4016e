import { Injectable } from '@nestjs/common';
import { validateDeviceEvent } from '#domain';
import type { DirectoryEntry } from '../../broker/device-directory.js';
import { AppConfig } from '../../config/app-config.js';
import { RejectionRecorder } from '../rejections/rejection-recorder.js';
import type { Done } from '../telemetry-ingest.js';
import { DeviceEventRecorder } from './device-event.recorder.js';

/** `…/event` messages (CONTRACT.md §1): validated, then stored and acknowledged in batches. */
@Injectable()
export class DeviceEventIngest {
  private readonly retentionMs: number;
  private readonly futureToleranceMs: number;

  constructor(
    private readonly recorder: DeviceEventRecorder,
    private readonly rejections: RejectionRecorder,
    config: AppConfig,
  ) {
    this.retentionMs = config.telemetry.retentionDays * 86_400_000;
    this.futureToleranceMs = config.telemetry.futureToleranceS * 1000;
  }

  handle(device: DirectoryEntry, topic: string, payload: Buffer, done: Done, now: number): void {
    const event = validateDeviceEvent(payload, {
      nowMs: now,
      retentionMs: this.retentionMs,
      futureToleranceMs: this.futureToleranceMs,
    });
    if (event.ok) return this.recorder.record(device, event.value, now, done);
    this.rejections.record(
      { deviceId: device.profile.id, domain: device.profile.domain },
      topic,
      [event.rejection],
      now,
    );
    done();
  }
}
