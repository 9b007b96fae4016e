import { readCredentials } from './credentials.js';
import { prepareDevice } from './device.js';
import { runLoad } from './load/load-runner.js';
import { ControlWatcher, controlPathFor, writeControl } from './run/control.js';
import {
  DEFAULT_URL,
  type RunArgs,
  UsageError,
  buildRunConfig,
  numberOption,
  planScenario,
} from './run/options.js';
import { Runner } from './run/runner.js';
import { scenarioList } from './scenarios/index.js';

/** The simulator commands behind `cli.ts`; each resolves with the process exit code. */
type Log = (line: string) => void;

async function credentialsOrUsage(path: string | undefined, log: Log): ReturnType<typeof readCredentials> {
  if (!path) throw new UsageError('--credentials <file> is required (written by `seed load`)');
  const creds = await readCredentials(path);
  if (creds.tooOpen) log(`warning: ${path} is readable by other users; it holds device secrets (chmod 600)`);
  return creds;
}

export async function runCommand(
  args: RunArgs & { credentials?: string; control?: string },
  log: Log,
): Promise<number> {
  const creds = await credentialsOrUsage(args.credentials, log);
  const config = buildRunConfig(args, creds, log);
  const runner = new Runner(config);
  const plan = config.scenario;
  log(
    `running ${config.devices.length} device(s) against ${config.url}, seed ${config.seed}` +
      (plan
        ? `; scenario ${plan.scenario.name} on ${runner.reachedCount} device(s) in ${plan.startAfterS} s`
        : ''),
  );
  const controlPath = args.control ?? controlPathFor(args.credentials ?? '');
  const watcher = new ControlWatcher(
    controlPath,
    (command) => triggerIn(runner, command, config.devices, log),
    log,
  );
  watcher.start();
  const stop = (signal: string): void => void runner.stop(signal);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await runner.run();
  watcher.stop();
  return runner.stats.refused > 0 && runner.stats.refused === config.devices.length ? 1 : 0;
}

function triggerIn(
  runner: Runner,
  command: RunArgs,
  devices: Parameters<typeof planScenario>[1],
  log: Log,
): void {
  try {
    const plan = planScenario(command, devices);
    if (plan) runner.trigger(plan);
  } catch (error) {
    log(`scenario trigger ignored: ${(error as Error).message}`);
  }
}

export interface ScenarioArgs extends RunArgs {
  list?: boolean;
  trigger?: string;
  credentials?: string;
  control?: string;
}

/** `scenario --list`, or `scenario --trigger name …` to start one in the simulator already running. */
export async function scenarioCommand(args: ScenarioArgs, log: Log): Promise<number> {
  if (args.list) {
    log(scenarioList());
    return 0;
  }
  if (!args.trigger) throw new UsageError('scenario needs --list or --trigger <name>');
  const creds = await credentialsOrUsage(args.credentials, log);
  // Checked here against the credentials so a typo fails now, not silently in the other process.
  const command = { ...args, scenario: args.trigger };
  planScenario(
    command,
    creds.devices.map((d) => prepareDevice(d, 0)),
  );
  const path = args.control ?? controlPathFor(args.credentials ?? '');
  await writeControl(path, {
    scenario: args.trigger,
    ...(args.asset === undefined ? {} : { asset: args.asset }),
    ...(args.device === undefined ? {} : { device: args.device }),
    ...(args['scenario-start'] === undefined ? {} : { startAfterS: Number(args['scenario-start']) }),
    ...(args['scenario-duration'] === undefined ? {} : { durationS: Number(args['scenario-duration']) }),
    issuedAt: new Date().toISOString(),
  });
  log(
    `scenario ${args.trigger} written to ${path}; a running \`run\` on these credentials picks it up within a second`,
  );
  return 0;
}

export interface LoadArgs {
  credentials?: string;
  url?: string;
  devices?: string;
  'rate-per-device'?: string;
  duration?: string;
  connections?: string;
  seed?: string;
  'start-seq'?: string;
  drain?: string;
  out?: string;
}

export async function loadCommand(args: LoadArgs, log: Log): Promise<number> {
  const creds = await credentialsOrUsage(args.credentials, log);
  const count = numberOption('devices', args.devices, { min: 1, integer: true }) ?? creds.devices.length;
  if (count > creds.devices.length)
    throw new UsageError(`--devices ${count}: the credentials file has only ${creds.devices.length}`);
  const seed = numberOption('seed', args.seed, { min: 0, integer: true }) ?? 1;
  const result = await runLoad({
    url: args.url ?? creds.mqttUrl ?? DEFAULT_URL,
    devices: creds.devices.slice(0, count).map((d) => prepareDevice(d, seed)),
    ratePerDevice: numberOption('rate-per-device', args['rate-per-device'], { min: 0.001 }) ?? 1,
    durationS: numberOption('duration', args.duration, { min: 1 }) ?? 60,
    connections: numberOption('connections', args.connections, { min: 1, integer: true }) ?? 200,
    seed,
    startSeq:
      numberOption('start-seq', args['start-seq'], { min: 0, integer: true }) ??
      Math.floor(Date.now() / 1000),
    drainS: numberOption('drain', args.drain, { min: 0 }) ?? 30,
    out: args.out ?? 'load-result.json',
    log,
  });
  return result.connected === 0 ? 1 : 0;
}
