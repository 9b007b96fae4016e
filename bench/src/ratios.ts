import { cpuMicrosPerReading } from './proc-stats.js';
import type { BenchResult, Ratios, WorkloadResult } from './results.js';

/**
 * The figures BENCHMARKS.md asks for as ratios to the same run's references:
 * `sustained / min(raw broker, raw store)`, and the service's CPU per reading against the sum of what
 * each stage costs alone (broker, decode + validation, line encoding, gzip).
 */
export function computeRatios(workloads: BenchResult['workloads'], refs: BenchResult['references']): Ratios {
  const r = workloads.R;
  const sustained = r && r.kind === 'ramp' ? r.highestHeld : null;
  // No step held: the capacity is somewhere below the first step's rate.
  const below = r && r.kind === 'ramp' && sustained === null && r.steps.length > 0 ? r.steps[0].rate : null;
  const rawBroker = refs.rawBroker?.capacity ?? null;
  const rawStore = refs.rawStore && refs.rawStore.best > 0 ? refs.rawStore.best : null;
  const slower =
    rawBroker !== null && rawStore !== null ? Math.min(rawBroker, rawStore) : (rawBroker ?? rawStore);
  const serviceCpuUs = steadyCpuUs(workloads.W1, 'server');
  const broker = refs.rawBroker ? steadyCpuUs(refs.rawBroker.steady, 'rawBroker') : null;
  const d = refs.rawDecode;
  const stageParts: Record<string, number | null> = {
    broker,
    decodeValidate: d ? d.decodeUs : null,
    encodeLine: d ? d.encodeUs : null,
    gzip: d ? d.gzipUs : null,
  };
  const parts = Object.values(stageParts);
  const stageSum = parts.every((p) => p !== null && Number.isFinite(p))
    ? (parts as number[]).reduce((a, b) => a + b, 0)
    : null;
  return {
    sustained,
    sustainedBelow: below,
    sustainedBelowRatio: below !== null && slower !== null && slower > 0 ? below / slower : null,
    rawBroker,
    rawBrokerAtLeast: refs.rawBroker?.ramp.generatorLimited ?? false,
    rawStore,
    sustainedOverSlowerRaw: sustained !== null && slower !== null && slower > 0 ? sustained / slower : null,
    serviceCpuUs,
    stageSumUs: stageSum,
    stageParts,
    cpuOverStages:
      serviceCpuUs !== null && stageSum !== null && stageSum > 0 ? serviceCpuUs / stageSum : null,
  };
}

/** CPU µs per reading of process `name` over a steady workload's window. */
function steadyCpuUs(w: WorkloadResult | undefined, name: string): number | null {
  if (!w || w.kind !== 'steady') return null;
  const p = w.window.processes[name];
  if (!p) return null;
  const us = cpuMicrosPerReading(p.millicores, w.window.traffic.ackedRate);
  return Number.isFinite(us) ? us : null;
}
