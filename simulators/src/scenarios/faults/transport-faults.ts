import { MINUTE_MS } from '../envelope.js';
import type { Scenario } from '../types.js';

/**
 * Faults in what reaches the broker (PEERS.md §5.G). The values stay true; the emitter
 * (telemetry/emitter.ts) changes connection and delivery while the fault is active.
 */
export const offline: Scenario = {
  name: 'offline',
  summary:
    'drops the TCP connection without DISCONNECT (Last Will fires), readings lost, reconnects after 5 min',
  domains: 'any',
  durationMs: 5 * MINUTE_MS,
  spread: 'asset',
  transport: 'offline',
};

export const duplicates: Scenario = {
  name: 'duplicates',
  summary: 'every reading sent twice with the same seq (a QoS 1 redelivery storm), 10 min',
  domains: 'any',
  durationMs: 10 * MINUTE_MS,
  spread: 'asset',
  transport: 'duplicates',
};

export const outOfOrder: Scenario = {
  name: 'out-of-order',
  summary: 'readings held in windows of 5 and sent shuffled (ts and seq out of order), 10 min',
  domains: 'any',
  durationMs: 10 * MINUTE_MS,
  spread: 'asset',
  transport: 'out-of-order',
};

export const malformed: Scenario = {
  name: 'malformed',
  summary:
    'each reading followed by a bad one: invalid JSON, unknown metric, non-finite, oversized, future ts',
  domains: 'any',
  durationMs: 10 * MINUTE_MS,
  spread: 'asset',
  transport: 'malformed',
};

export const backlog: Scenario = {
  name: 'backlog',
  summary:
    'offline 20 min while storing readings, then reconnects and uploads them as {"samples":[…]} batches',
  domains: 'any',
  durationMs: 20 * MINUTE_MS,
  spread: 'asset',
  transport: 'backlog',
};
