import { Injectable, Logger } from '@nestjs/common';
import { DEFAULT_SEQ_WINDOW, SeqWindow, validateTelemetry, type Rejection, type ValidReading } from '#domain';
import { encodeReadingLine, InfluxError, TelemetryWriter, type StoredReading } from '#influx';
import type { DirectoryEntry } from '../broker/device-directory.js';
import { RateLimitedLog } from '../broker/rate-limited-log.js';
import { AppConfig } from '../config/app-config.js';
import { DeviceStateWriter } from './device-state/device-state.writer.js';
import { IngestMetrics } from './ingest-metrics.js';
import { ReadingsBus } from './readings-bus.js';
import { RejectionRecorder } from './rejections/rejection-recorder.js';

export type Done = (err?: Error | null) => void;

/**
 * One telemetry message, start to durable (CONTRACT.md §1; docs/decisions/0006-ingest-pipeline.md):
 * validate → drop duplicate seqs → encode line protocol → hand to the batched writer, whose durable
 * callback acknowledges the MQTT message. Synchronous up to the writer: no promise and no query per
 * message; PostgreSQL side effects (rejections, last seen, battery) are buffered and written per second.
 */
@Injectable()
export class TelemetryIngest {
  private readonly log = new RateLimitedLog(new Logger(TelemetryIngest.name), 60_000);
  private readonly windows = new Map<string, SeqWindow>();
  private readonly retentionMs: number;
  private readonly futureToleranceMs: number;

  constructor(
    private readonly writer: TelemetryWriter,
    private readonly bus: ReadingsBus,
    private readonly state: DeviceStateWriter,
    private readonly rejections: RejectionRecorder,
    private readonly metrics: IngestMetrics,
    config: AppConfig,
  ) {
    this.retentionMs = config.telemetry.retentionDays * 86_400_000;
    this.futureToleranceMs = config.telemetry.futureToleranceS * 1000;
  }

  handle(device: DirectoryEntry, topic: string, payload: Buffer, done: Done, now: number): void {
    const ctx = { nowMs: now, retentionMs: this.retentionMs, futureToleranceMs: this.futureToleranceMs };
    const result = validateTelemetry(payload, device.profile, ctx);
    const window = this.window(device.profile.id);
    const rejected = result.rejected;
    const readings: StoredReading[] = [];
    const lines: string[] = [];
    let duplicates = 0;
    for (const sample of result.accepted) {
      const dup = this.checkSeq(window, sample, device);
      if (dup) {
        duplicates++;
        rejected.push(dup);
        continue;
      }
      const reading = toStored(device, sample, result.backlog);
      const line = encodeOrReject(reading, rejected);
      if (line === null) {
        window.forget(sample.seq);
        continue;
      }
      readings.push(reading);
      lines.push(line);
    }
    this.count(readings.length, duplicates, rejected.length - duplicates);
    this.rejections.record(
      { deviceId: device.profile.id, domain: device.profile.domain },
      topic,
      rejected,
      now,
    );
    if (readings.length === 0) return done();
    this.noteHealth(device.profile.id, readings, now);
    this.bus.publish(readings);
    this.writer.write(lines, (err) => this.settled(err, window, readings, done));
  }

  /** A rejection when `sample` repeats a seq already taken, or null when it is new. */
  private checkSeq(window: SeqWindow, sample: ValidReading, device: DirectoryEntry): Rejection | null {
    const verdict = window.observe(sample.seq, sample.ts);
    switch (verdict) {
      case 'new':
        return null;
      case 'restart':
        this.log.warn(`restart:${device.profile.id}`, {
          msg: 'device restarted its seq counter',
          deviceId: device.profile.id,
          seq: sample.seq,
        });
        return null;
      case 'duplicate':
        return {
          code: 'duplicate_seq',
          message: `seq ${sample.seq} was already received; the sample is dropped`,
          seq: sample.seq,
        };
      case 'stale':
        return {
          code: 'duplicate_seq',
          message: `seq ${sample.seq} is ${DEFAULT_SEQ_WINDOW} or more behind the newest seq ${window.newestSeq}; treated as already received`,
          seq: sample.seq,
        };
    }
  }

  /** Durable (or refused by InfluxDB for its content, which a resend would not fix): acknowledge. */
  private settled(
    err: Error | undefined,
    window: SeqWindow,
    readings: readonly StoredReading[],
    done: Done,
  ): void {
    if (!err || (err instanceof InfluxError && err.code === 'store_rejected')) return done();
    // Not stored: forget the seqs so the device's retransmission is not dropped as a duplicate.
    for (const r of readings) window.forget(r.seq);
    done(err);
  }

  private window(deviceId: string): SeqWindow {
    let w = this.windows.get(deviceId);
    if (!w) this.windows.set(deviceId, (w = new SeqWindow()));
    return w;
  }

  private noteHealth(deviceId: string, readings: readonly StoredReading[], now: number): void {
    let newest = readings[0];
    for (const r of readings) if (r.ts > newest.ts) newest = r;
    this.state.touch(deviceId, now, newest.batteryPct, newest.rssiDbm);
  }

  private count(accepted: number, duplicates: number, rejected: number): void {
    if (accepted > 0) this.metrics.readings.accepted.inc(accepted);
    if (duplicates > 0) this.metrics.readings.duplicate.inc(duplicates);
    if (rejected > 0) this.metrics.readings.rejected.inc(rejected);
  }
}

/**
 * Quality flag (PEERS.md §5.A item 5): `suspect` when some of the sample's values were rejected (the
 * sensor is misbehaving; the risk engine down-weights it), else `backfill` for a backlog sent after an
 * outage (late, not live), else `good`.
 */
function toStored(device: DirectoryEntry, s: ValidReading, backlog: boolean): StoredReading {
  const reading: StoredReading = {
    domain: device.profile.domain,
    district: device.district,
    assetId: device.assetId,
    deviceId: device.profile.id,
    ts: s.ts,
    seq: s.seq,
    metrics: s.metrics,
    quality: s.partial ? 'suspect' : backlog ? 'backfill' : 'good',
  };
  if (s.batteryPct !== undefined) reading.batteryPct = s.batteryPct;
  if (s.rssiDbm !== undefined) reading.rssiDbm = s.rssiDbm;
  return reading;
}

/** Line protocol for the reading, or null after recording why it cannot be represented. */
function encodeOrReject(reading: StoredReading, rejected: Rejection[]): string | null {
  try {
    return encodeReadingLine(reading);
  } catch (err) {
    rejected.push({
      code: 'invalid_document',
      message: `sample cannot be stored: ${(err as Error).message}`,
      seq: reading.seq,
    });
    return null;
  }
}
