import type { SimDevice } from '../device.js';
import { baseReading, roundMetrics } from '../signals/index.js';
import { health } from '../signals/health.js';

/**
 * Pre-rendered telemetry for the load generator (CONTRACT.md §1 shape). The metric values of each device
 * are computed once from its signal model for RING instants and JSON-encoded up front; each message then
 * costs a template string — no object building, no JSON.stringify in the hot loop.
 */
export const RING = 16;

export class PayloadTemplate {
  private readonly metrics: string[];
  private readonly tail: string;

  constructor(device: SimDevice, seed: number, startMs: number, intervalMs: number) {
    this.metrics = Array.from({ length: RING }, (_, k) =>
      JSON.stringify(roundMetrics(baseReading(device, startMs + k * intervalMs, seed))),
    );
    const h = health(device, startMs);
    this.tail = `${h.battery_pct === undefined ? '' : `,"battery_pct":${h.battery_pct}`}${h.rssi_dbm === undefined ? '' : `,"rssi_dbm":${h.rssi_dbm}`}}`;
  }

  render(ts: number, seq: number): string {
    return `{"ts":${ts},"seq":${seq},"metrics":${this.metrics[seq % RING]}${this.tail}`;
  }
}
