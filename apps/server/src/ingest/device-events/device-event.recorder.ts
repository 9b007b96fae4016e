import { Injectable, Logger } from '@nestjs/common';
import type { ValidDeviceEvent } from '#domain';
import type { DirectoryEntry } from '../../broker/device-directory.js';
import { DeviceEventsBus, type DeviceEventRecord } from '../readings-bus.js';
import { SerialTicker } from '../serial-ticker.js';
import { DeviceEventsRepository, type NewDeviceEvent } from './device-events.repository.js';

type Done = (err?: Error | null) => void;

interface Pending {
  row: NewDeviceEvent;
  record: Omit<DeviceEventRecord, 'id'>;
  done: Done;
}

/** Events are rare; a short window keeps their acknowledgement prompt while still batching a storm. */
const FLUSH_MS = 200;
/** Beyond this many waiting, an event is refused (not acknowledged) and the device sends it again later. */
const MAX_PENDING = 10_000;

/**
 * Stores `…/event` messages in batches and acknowledges each only after its batch committed; new events
 * (not redeliveries) then go to the DeviceEventsBus for the alarm engine.
 */
@Injectable()
export class DeviceEventRecorder {
  private readonly logger = new Logger(DeviceEventRecorder.name);
  private pending: Pending[] = [];
  private readonly ticker = new SerialTicker(
    FLUSH_MS,
    () => this.flush(),
    (err) => this.logger.error({ msg: 'device event flush failed', err: String(err) }),
  );

  constructor(
    private readonly repo: DeviceEventsRepository,
    private readonly bus: DeviceEventsBus,
  ) {}

  start(): void {
    this.ticker.start();
  }

  async stop(): Promise<void> {
    await this.ticker.stop();
  }

  record(device: DirectoryEntry, event: ValidDeviceEvent, receivedAt: number, done: Done): void {
    if (this.pending.length >= MAX_PENDING) return done(new Error('device event backlog is full'));
    const { id: deviceId, domain } = device.profile;
    const row: NewDeviceEvent = {
      device_id: deviceId,
      domain,
      asset_id: device.assetId,
      type: event.type,
      occurred_at: new Date(event.ts),
      received_at: new Date(receivedAt),
      detail: JSON.stringify(event.detail),
    };
    const record = {
      deviceId,
      domain,
      assetId: device.assetId,
      district: device.district,
      type: event.type,
      known: event.known,
      occurredAt: event.ts,
      receivedAt,
      detail: event.detail,
    };
    this.pending.push({ row, record, done });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    let inserted;
    try {
      inserted = await this.repo.insertNew(batch.map((p) => p.row));
    } catch (err) {
      // Not stored: no acknowledgement, so each device sends its event again.
      for (const p of batch) p.done(err instanceof Error ? err : new Error(String(err)));
      throw err;
    }
    const ids = new Map(
      inserted.map((r) => [key(r.device_id, r.type, r.occurred_at.getTime()), String(r.id)]),
    );
    for (const p of batch) {
      p.done();
      const id = ids.get(key(p.record.deviceId, p.record.type, p.record.occurredAt));
      if (id !== undefined) {
        ids.delete(key(p.record.deviceId, p.record.type, p.record.occurredAt));
        this.bus.publish({ id, ...p.record });
      }
    }
  }
}

function key(deviceId: string, type: string, occurredAt: number): string {
  return `${deviceId}\u0000${type}\u0000${occurredAt}`;
}
