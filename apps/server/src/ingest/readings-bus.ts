import { Injectable, Logger } from '@nestjs/common';
import type { Domain } from '#contracts';
import type { StoredReading } from '#influx';

type Listener<T> = (value: T) => void;

/**
 * A synchronous in-process fan-out. Listeners run on the ingest's hot path and must not block (queue
 * heavy work); one that throws is logged and the others still run.
 */
class TypedBus<T> {
  private readonly listeners = new Set<Listener<T>>();
  private readonly logger = new Logger(this.constructor.name);

  /** Returns the unsubscribe function. */
  subscribe(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch (err) {
        this.logger.error({ msg: 'bus listener failed', err: String(err) });
      }
    }
  }
}

/**
 * Accepted readings of one device message, as written to InfluxDB (quality included), for the alarm and
 * risk engines. Published once validated and de-duplicated, before the write is durable, so alarms do not
 * wait for storage (PEERS.md §5.H "if InfluxDB is down, alarms still evaluate from the stream"). On the
 * rare write that cannot even be spooled, the device resends and a reading may appear twice: consumers
 * key on (deviceId, seq).
 */
@Injectable()
export class ReadingsBus extends TypedBus<readonly StoredReading[]> {}

/** A device event (`…/event`), published after it is stored (and only the first time for a redelivery). */
export interface DeviceEventRecord {
  id: string;
  deviceId: string;
  domain: Domain;
  assetId: string;
  district: string;
  type: string;
  /** One of the contract's event types (immersion, tamper, cover_open, battery_low). */
  known: boolean;
  occurredAt: number;
  receivedAt: number;
  detail: Record<string, unknown>;
}

@Injectable()
export class DeviceEventsBus extends TypedBus<DeviceEventRecord> {}

/**
 * A presence signal: broker connect/disconnect (embedded) or a `…/status` message / Last Will. Every
 * signal is published, also repeats; the deadman and webhook logic decide what is a change.
 */
export interface PresenceSignal {
  deviceId: string;
  domain: Domain;
  assetId: string;
  online: boolean;
  at: number;
  source: 'connection' | 'status';
}

@Injectable()
export class PresenceBus extends TypedBus<PresenceSignal> {}
