import type { LatencySummary, ProcessWindow, TrafficWindow } from './measure.js';
import type { StepDecision } from './ramp.js';
import type { LossCheck } from './zero-loss.js';

/** The JSON result file (`.data/bench/results/*.json`) and the input of the Markdown report. */

export interface MeasuredWindow {
  label: string;
  targetRate: number;
  traffic: TrafficWindow;
  /** Per process: the service (or raw broker), the generator, InfluxDB; `machine` = all cores, everything. */
  processes: Record<string, ProcessWindow | null>;
}

export type VerifiedLoss = LossCheck & { duplicates: number; waitedSeconds: number };

export interface ConnectFigures {
  sensors: number;
  connected: number;
  failed: number;
  seconds: number;
  errors: string[];
  /** RSS of the service before the sensors connected and once they all were, MiB. */
  rssIdleMiB: number;
  rssConnectedMiB: number;
  /** (connected − idle) scaled to 10,000 sensors. */
  rssPer10kMiB: number;
  /** CPU of the service with every sensor connected and no traffic (absent in older results). */
  connectedIdleMillicores?: number;
}

export interface ServiceCounters {
  accepted: number;
  rejected: number;
  duplicate: number;
  linesWritten: number;
  linesSpooled: number;
  linesReplayed: number;
  linesRejected: number;
  rejectionsByReason: Record<string, number>;
}

export interface SteadyResult {
  kind: 'steady';
  connect: ConnectFigures;
  window: MeasuredWindow;
  loss: VerifiedLoss | null;
  counters: ServiceCounters | null;
  drainSeconds: number;
  notes: string[];
}

export interface RampStep {
  rate: number;
  window: MeasuredWindow;
  /** The judged second half of the step. */
  judged: TrafficWindow | null;
  decision: StepDecision;
  loss?: VerifiedLoss;
}

export interface RampResult {
  kind: 'ramp';
  stepSeconds: number;
  connect: ConnectFigures;
  steps: RampStep[];
  highestHeld: number | null;
  /** The last step was generator-limited: the true limit is above what was measured. */
  generatorLimited: boolean;
  stoppedBecause: string;
  drainSeconds: number;
  counters: ServiceCounters | null;
  notes: string[];
}

export interface OutageResult {
  kind: 'outage';
  connect: ConnectFigures;
  outageSeconds: number;
  /** From `start-influx` to InfluxDB answering /ping (it replays its WAL first), s. */
  restartSeconds: number;
  phases: MeasuredWindow[];
  /** From InfluxDB's restart to the spool being empty, s (null if it never emptied). */
  replaySeconds: number | null;
  spoolPeakLines: number;
  loss: VerifiedLoss | null;
  counters: ServiceCounters | null;
  notes: string[];
}

export interface NotMeasured {
  kind: 'not_measured';
  reason: string;
}

export type WorkloadResult = SteadyResult | RampResult | OutageResult | NotMeasured;

export interface RawBrokerResult {
  steady: SteadyResult;
  ramp: RampResult;
  /** Highest held rate, or the last rate reached when only the generator limited it. */
  capacity: number | null;
}

export interface RawStoreRun {
  form: 'gzip' | 'plain';
  inFlight: number;
  lines: number;
  seconds: number;
  linesPerSecond: number;
  failures: number;
  /** CPU of InfluxDB and of the whole machine during the run. */
  influxdMillicores: number;
  machineMillicores: number;
}

export interface RawStoreResult {
  batchLines: number;
  runs: RawStoreRun[];
  /** Best lines/s of the form the service sends (gzip). */
  best: number;
}

export interface RawDecodeResult {
  payloads: number;
  readings: number;
  rejected: number;
  seconds: number;
  readingsPerSecond: number;
  /** CPU µs per reading of each stage measured apart. */
  decodeUs: number;
  encodeUs: number;
  gzipUs: number;
}

export interface Ratios {
  sustained: number | null;
  /** When no ramp step held: the first step's rate, an upper bound of the sustained rate. */
  sustainedBelow: number | null;
  /** sustainedBelow / min(raw broker, raw store): an upper bound of the ratio. */
  sustainedBelowRatio: number | null;
  rawBroker: number | null;
  /** The raw broker ramp ended on the generator, not the broker: its capacity is at least `rawBroker`. */
  rawBrokerAtLeast: boolean;
  rawStore: number | null;
  /** sustained / min(raw broker, raw store). */
  sustainedOverSlowerRaw: number | null;
  /** Service CPU µs per reading at W1 (10k/s). */
  serviceCpuUs: number | null;
  /** raw broker CPU µs per reading at W1 + decode + encode + gzip. */
  stageSumUs: number | null;
  stageParts: Record<string, number | null>;
  cpuOverStages: number | null;
}

export interface BenchResult {
  startedAt: string;
  finishedAt: string;
  quick: boolean;
  command: string;
  machine: Record<string, string | number>;
  versions: Record<string, string>;
  settings: Record<string, string | number | boolean>;
  registration: { devices: number; assets: number; seconds: number } | null;
  workloads: Record<string, WorkloadResult>;
  references: {
    rawBroker?: RawBrokerResult;
    rawStore?: RawStoreResult;
    rawDecode?: RawDecodeResult;
  };
  ratios: Ratios;
  errors: string[];
  notes: string[];
}

export type { LatencySummary };
