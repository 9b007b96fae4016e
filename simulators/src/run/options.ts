import { isDomain } from '#contracts';
import type { CredentialsFile } from '../credentials.js';
import { type SimDevice, prepareDevice } from '../device.js';
import { findScenario, scenarioList } from '../scenarios/index.js';
import { reachOf, resolveTarget } from '../scenarios/reach.js';
import type { PlannedScenario, RunConfig } from './runner.js';

/** A command-line mistake: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** `run` options as parsed from the command line (all strings, as `util.parseArgs` gives them). */
export interface RunArgs {
  url?: string;
  devices?: string;
  domain?: string;
  asset?: string;
  device?: string;
  'interval-s'?: string;
  speedup?: string;
  rate?: string;
  seed?: string;
  duration?: string;
  scenario?: string;
  'scenario-start'?: string;
  'scenario-duration'?: string;
  'connect-rate'?: string;
  'stats-s'?: string;
  'start-seq'?: string;
  verbose?: boolean;
}

export const DEFAULT_URL = 'mqtt://127.0.0.1:1883';

export function numberOption(
  name: string,
  raw: string | undefined,
  opts: { min: number; integer?: boolean },
): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < opts.min || (opts.integer && !Number.isInteger(n))) {
    throw new UsageError(
      `--${name} must be ${opts.integer ? 'an integer' : 'a number'} ≥ ${opts.min}, got "${raw}"`,
    );
  }
  return n;
}

/** The devices to run: filtered by domain/asset, the first N, plus every device the scenario reaches. */
export function selectDevices(
  all: readonly SimDevice[],
  args: RunArgs,
  plan: PlannedScenario | undefined,
): SimDevice[] {
  if (args.domain !== undefined && !isDomain(args.domain))
    throw new UsageError(`--domain must be one of gas|heating|water|drainage|bridge|tunnel`);
  const assetFilter = plan ? undefined : args.asset;
  let chosen = all.filter(
    (d) =>
      (args.domain === undefined || d.domain === args.domain) &&
      (assetFilter === undefined || d.assetId === assetFilter || d.zone === assetFilter),
  );
  const count = numberOption('devices', args.devices, { min: 1, integer: true });
  if (count !== undefined) chosen = chosen.slice(0, count);
  if (!plan) return chosen;
  const keep = new Set(chosen.map((d) => d.id));
  return all.filter((d) => keep.has(d.id) || reachOf(d, plan.scenario, plan.target) !== undefined);
}

/** The scenario the options ask for, aimed at a target among `devices`; undefined without --scenario. */
export function planScenario(args: RunArgs, devices: readonly SimDevice[]): PlannedScenario | undefined {
  if (args.scenario === undefined) return undefined;
  const scenario = findScenario(args.scenario);
  if (!scenario) throw new UsageError(`unknown scenario "${args.scenario}"; available:\n${scenarioList()}`);
  let target;
  try {
    target = resolveTarget(devices, scenario, { assetId: args.asset, deviceId: args.device });
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
  const durationS = numberOption('scenario-duration', args['scenario-duration'], { min: 1 });
  return {
    scenario,
    target,
    startAfterS: numberOption('scenario-start', args['scenario-start'], { min: 0 }) ?? 15,
    durationMs: durationS === undefined ? scenario.durationMs : durationS * 1000,
  };
}

/** Turns the parsed options and the credentials into a run configuration. */
export function buildRunConfig(
  args: RunArgs,
  creds: CredentialsFile,
  log: (line: string) => void,
): RunConfig {
  const seed = numberOption('seed', args.seed, { min: 0, integer: true }) ?? 1;
  const intervalS = numberOption('interval-s', args['interval-s'], { min: 0.01 });
  const speedup = numberOption('speedup', args.speedup, { min: 0.001 }) ?? 1;
  const rate = numberOption('rate', args.rate, { min: 0.001 });
  if (intervalS !== undefined && args.speedup !== undefined)
    throw new UsageError('use either --interval-s or --speedup, not both');
  const all = creds.devices.map((d) => prepareDevice(d, seed));
  const plan = planScenario(args, all);
  const devices = selectDevices(all, args, plan);
  if (devices.length === 0) throw new UsageError('no device matches the selection');
  return {
    url: args.url ?? creds.mqttUrl ?? DEFAULT_URL,
    devices,
    seed,
    timing: {
      speedup,
      ...(intervalS === undefined ? {} : { intervalS }),
      ...(rate === undefined ? {} : { rate }),
    },
    durationS: numberOption('duration', args.duration, { min: 1 }),
    ...(plan ? { scenario: plan } : {}),
    connectRate: numberOption('connect-rate', args['connect-rate'], { min: 1 }) ?? 200,
    statsEveryS: numberOption('stats-s', args['stats-s'], { min: 1 }) ?? 10,
    startSeq: numberOption('start-seq', args['start-seq'], { min: 0, integer: true }) ?? 0,
    verbose: args.verbose ?? false,
    log,
  };
}
