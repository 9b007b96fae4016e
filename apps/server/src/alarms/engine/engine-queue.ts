import type { StoredReading } from '#influx';

/** A reading and when the engine received it (start of the reading → alarm latency). */
export interface QueuedReading {
  reading: StoredReading;
  receivedAt: number;
}

/**
 * Readings waiting for the engine, grouped by asset so one batch keeps each asset's readings in order.
 * Bounded: the bus cannot push back on the ingest, so past `max` new readings are refused and counted.
 */
export class EngineQueue {
  private pending = new Map<string, QueuedReading[]>();
  private count = 0;

  constructor(private readonly max: number) {}

  get size(): number {
    return this.count;
  }

  /** Queues the readings; returns how many did not fit. */
  push(readings: readonly StoredReading[], receivedAt: number): number {
    let dropped = 0;
    for (const reading of readings) {
      if (this.count >= this.max) {
        dropped++;
        continue;
      }
      const list = this.pending.get(reading.assetId);
      if (list) list.push({ reading, receivedAt });
      else this.pending.set(reading.assetId, [{ reading, receivedAt }]);
      this.count++;
    }
    return dropped;
  }

  /** Everything queued, by asset. */
  take(): Map<string, QueuedReading[]> {
    const batch = this.pending;
    this.pending = new Map();
    this.count = 0;
    return batch;
  }

  /** Puts an asset's readings back in front of anything that arrived meanwhile (a failed batch). */
  requeue(assetId: string, items: readonly QueuedReading[]): void {
    const later = this.pending.get(assetId) ?? [];
    this.pending.set(assetId, [...items, ...later]);
    this.count += items.length;
  }
}
