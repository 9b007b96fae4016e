import { deviceTopic, type Domain } from '#contracts';
import { metricSpec } from '#domain';

/** What the generator needs to know about one registered device (a row of the seeds credentials file). */
export interface BenchDevice {
  id: string;
  domain: Domain;
  assetId: string;
  metrics: string[];
  secret: string;
}

/**
 * Quiet readings (inside every default rule's normal band, libs/domain/src/alarm/default-rules-*.ts), so
 * W1/R/S measure ingest and storage, not the alarm path: that is workload A's job, which will breach
 * deliberately. A metric missing here gets the middle of its catalog range.
 */
const QUIET: Readonly<Record<string, number>> = {
  ch4_lel: 1.5,
  c2h6_present: 0,
  pressure_mpa: 0.35,
  temperature_c: 12.5,
  cover_tilt_deg: 0.8,
  supply_pressure_mpa: 0.9,
  return_pressure_mpa: 0.35,
  supply_temp_c: 85,
  return_temp_c: 50,
  makeup_flow_th: 12,
  well_temp_c: 25,
  flow_m3h: 120,
  leak_noise_db: 22,
  turbidity_ntu: 0.4,
  level_m: 0.8,
  freeboard_m: 2.2,
  rain_mm_h: 0,
  ponding_cm: 0,
  h2s_mgm3: 0.5,
  strain_ue: 120,
  deflection_mm: 3.5,
  tilt_permille: 0.2,
  accel_rms_ms2: 0.05,
  freq_hz: 2.4,
  crack_mm: 0.1,
  vehicle_t: 18,
  humidity_pct: 55,
  o2_pct: 20.9,
  sump_level_m: 0.3,
};

/** A few variants per metric so payloads (and gzip ratios) are not one repeated string. */
const VARIANTS = 16;

/** Everything a device's messages share, computed once: its topic and per-metric value variants. */
export interface PayloadTemplate {
  topic: string;
  /** `"name":value` fragments, VARIANTS per metric. */
  fragments: string[][];
}

/** Value variant `v` of a metric: its quiet value ± up to 1.6 %, integers (flags) unchanged. */
export function quietValue(domain: Domain, name: string, v: number): number {
  const spec = metricSpec(domain, name);
  const base = QUIET[name] ?? (spec ? (spec.min + spec.max) / 2 : 1);
  return spec?.integer ? base : round3(base * (1 + ((v % VARIANTS) - VARIANTS / 2) * 0.002));
}

/** The metrics of a reading as the service stores them (raw store renders these). */
export function quietMetrics(d: BenchDevice, v: number): Record<string, number> {
  const out: Record<string, number> = {};
  d.metrics.forEach((name, i) => (out[name] = quietValue(d.domain, name, v + i)));
  return out;
}

export function payloadTemplate(d: BenchDevice): PayloadTemplate {
  const fragments = d.metrics.map((name) =>
    Array.from({ length: VARIANTS }, (_, v) => `${JSON.stringify(name)}:${quietValue(d.domain, name, v)}`),
  );
  return { topic: deviceTopic(d.domain, d.id, 'telemetry'), fragments };
}

/** One telemetry document (CONTRACT.md §1) with device-health fields, as a device sends it. */
export function telemetryPayload(t: PayloadTemplate, ts: number, seq: number): string {
  const v = seq % VARIANTS;
  let metrics = '';
  for (let i = 0; i < t.fragments.length; i++)
    metrics += (i === 0 ? '' : ',') + t.fragments[i][(v + i) % VARIANTS];
  return `{"ts":${ts},"seq":${seq},"metrics":{${metrics}},"battery_pct":${86 - (seq % 3)},"rssi_dbm":-78}`;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
