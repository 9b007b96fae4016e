import type { SimDevice } from '../../simulators/src/device.js';
import type { SparseHistogram } from './percentiles.js';

/** What the generator process is told, and what it reports (IPC between runner and generator). */

export interface GeneratorOptions {
  host: string;
  port: number;
  /** Devices from the credentials file, prepared for the signal models (prepareDevice). */
  devices: SimDevice[];
  /** Seed of the signal models (payload values). */
  seed: number;
  /** Connections being set up at once (the listen backlog and the authenticator set the pace). */
  connectConcurrency: number;
  /** First seq of every device. */
  seqStart: number;
  /** Keep the first `recordCount` payloads sent (raw decode replays them). */
  recordCount: number;
}

export interface ConnectOutcome {
  connected: number;
  failed: number;
  seconds: number;
  errors: string[];
}

export interface GeneratorTick {
  /** Epoch ms of the report. */
  t: number;
  /** Cumulative messages written and acknowledged. */
  sent: number;
  acked: number;
  outstanding: number;
  /** PUBACK latencies (ms from schedule) of the acks received since the last tick. */
  hist: SparseHistogram;
  /** Worst lateness of a send behind its schedule since the last tick, ms. */
  lagMaxMs: number;
  /** Bytes waiting in user-space socket buffers (the service not reading fast enough). */
  queuedBytes: number;
  connected: number;
  disconnects: number;
}

export interface StepRecord {
  stepId: string;
  rate: number;
  /** Epoch ms of the step's first and last reading timestamps (inclusive). */
  tsMin: number;
  tsMax: number;
  /** nextSeq of every device when the step began and ended. */
  before: number[];
  after: number[];
}

export interface GeneratorSummary {
  deviceIds: string[];
  seqStart: number;
  nextSeq: number[];
  steps: StepRecord[];
  sent: number;
  acked: number;
  outstanding: number;
  unmatchedAcks: number;
  disconnects: number;
  recorded: Array<{ deviceId: string; payload: string }>;
}
