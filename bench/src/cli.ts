#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  BenchContext,
  DEFAULT_CRITERIA,
  DEFAULT_SERVER_ENV,
  FULL,
  QUICK,
  SIGNAL_SEED,
  type BenchOptions,
} from './context.js';
import { machineFacts, versions } from './machine.js';
import { computeRatios } from './ratios.js';
import { rawBroker, rawDecode, rawStore, RAW_STORE_BATCH } from './references.js';
import { registerDevices } from './registration.js';
import { renderReport } from './report.js';
import type { BenchResult } from './results.js';
import { WORKLOADS } from './workloads.js';

/**
 * `node dist/bench/src/cli.js` (through `npm run bench`, which starts the stores): registers the devices,
 * runs the workloads and the raw references, writes the JSON result and the Markdown report.
 */
const USAGE = `Usage: npm run bench -- [--quick] [--workloads W1,R,S,A] [--out docs/benchmarks.md]
  [--references broker,store,decode | --no-references] [--sensors 10000]
  [--ramp-start 5000 --ramp-step 5000 --ramp-max 100000 --ramp-step-seconds 60 (20 with --quick)]
  [--max-p99-ms 3000] [--connect-concurrency 100] [--keep-data]
  [--render .data/bench/results/latest.json]   (only re-render the report of a stored result)
  (scripts/bench.sh passes --data, --influx-url and --database-url)`;

const REFERENCES = ['broker', 'store', 'decode'];

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function options(argv: string[]): {
  opts: BenchOptions;
  workloads: string[];
  out: string;
  references: string[];
  render: string | undefined;
} {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      workloads: { type: 'string' },
      out: { type: 'string', default: 'docs/benchmarks.md' },
      data: { type: 'string', default: join(ROOT, '.data/bench') },
      'influx-url': { type: 'string', default: 'http://127.0.0.1:28086' },
      'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:25433/lifeline_bench' },
      references: { type: 'string', default: REFERENCES.join(',') },
      'no-references': { type: 'boolean', default: false },
      sensors: { type: 'string', default: '10000' },
      'ramp-start': { type: 'string', default: '5000' },
      'ramp-step': { type: 'string', default: '5000' },
      'ramp-max': { type: 'string', default: '100000' },
      'ramp-step-seconds': { type: 'string' },
      'max-p99-ms': { type: 'string', default: String(DEFAULT_CRITERIA.maxP99Ms) },
      'connect-concurrency': { type: 'string', default: '100' },
      'keep-data': { type: 'boolean', default: false },
      render: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const int = (name: string, raw: string): number => {
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n <= 0)
      throw new Error(`--${name} must be a positive integer, got "${raw}"`);
    return n;
  };
  const known = WORKLOADS.map((w) => w.id);
  const workloads = (values.workloads ?? known.join(','))
    .split(',')
    .map((w) => w.trim().toUpperCase())
    .filter(Boolean);
  for (const w of workloads)
    if (!known.includes(w)) throw new Error(`unknown workload "${w}" (known: ${known.join(', ')})`);
  const sensors = int('sensors', values.sensors);
  const opts: BenchOptions = {
    root: ROOT,
    dataDir: resolve(values.data),
    influxUrl: values['influx-url'],
    databaseUrl: values['database-url'],
    quick: values.quick,
    timings: {
      ...(values.quick ? QUICK : FULL),
      ...(values['ramp-step-seconds'] === undefined
        ? {}
        : { rampStepS: int('ramp-step-seconds', values['ramp-step-seconds']) }),
    },
    sensors,
    assets: Math.max(1, Math.round(sensors / 2)),
    rampStart: int('ramp-start', values['ramp-start']),
    rampStep: int('ramp-step', values['ramp-step']),
    rampMax: int('ramp-max', values['ramp-max']),
    connectConcurrency: int('connect-concurrency', values['connect-concurrency']),
    criteria: { ...DEFAULT_CRITERIA, maxP99Ms: int('max-p99-ms', values['max-p99-ms']) },
    serverEnv: { ...DEFAULT_SERVER_ENV },
    adminToken: `bench-${randomBytes(24).toString('hex')}`,
    keepData: values['keep-data'],
  };
  const references = values['no-references']
    ? []
    : values.references
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
  for (const x of references)
    if (!REFERENCES.includes(x))
      throw new Error(`unknown reference "${x}" (known: ${REFERENCES.join(', ')})`);
  return { opts, workloads, out: resolve(ROOT, values.out), references, render: values.render };
}

async function main(argv: string[]): Promise<number> {
  const { opts, workloads, out, references, render } = options(argv);
  if (render !== undefined) return rerender(render, out);
  const ctx = new BenchContext(opts);
  const started = new Date();
  const result: BenchResult = {
    startedAt: started.toISOString(),
    finishedAt: '',
    quick: opts.quick,
    command: commandLine(argv),
    machine: await machineFacts(),
    versions: await versions(ROOT, await ctx.influx.version(), opts.databaseUrl),
    settings: settings(opts),
    registration: null,
    workloads: {},
    references: {},
    ratios: computeRatios({}, {}),
    errors: [],
    notes: [],
  };
  const resultsDir = join(opts.dataDir, 'results');
  await mkdir(resultsDir, { recursive: true });
  const jsonPath = join(resultsDir, `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  const save = async (): Promise<void> => {
    result.finishedAt = new Date().toISOString();
    result.ratios = computeRatios(result.workloads, result.references);
    const json = JSON.stringify(result, null, 1);
    await writeFile(jsonPath, json);
    await writeFile(join(resultsDir, 'latest.json'), json);
  };
  const attempt = async (what: string, fn: () => Promise<void>): Promise<void> => {
    try {
      await fn();
    } catch (err) {
      const message = `${what}: ${err instanceof Error ? err.message : String(err)}`;
      ctx.log(`FAILED ${message}`);
      result.errors.push(message);
    }
    await save();
  };
  try {
    await attempt('registration', async () => {
      const server = await ctx.startServer('setup', 'bench_setup');
      try {
        const reg = await registerDevices({
          root: ROOT,
          apiBase: `${server.baseUrl}/api/v1`,
          token: opts.adminToken,
          assets: opts.assets,
          devices: opts.sensors,
          credentialsPath: join(opts.dataDir, 'credentials.json'),
          seed: SIGNAL_SEED,
        });
        ctx.devices = reg.devices;
        result.registration = { devices: reg.devices.length, assets: opts.assets, seconds: reg.seconds };
        ctx.log(`registered ${reg.devices.length} devices in ${reg.seconds.toFixed(1)} s`);
      } finally {
        await ctx.stopServer(server);
      }
    });
    if (ctx.devices.length === 0) throw new Error('no devices registered; nothing to measure');
    const plan: Array<[string, () => Promise<void>]> = [];
    const workload = (id: string): [string, () => Promise<void>] => [
      id,
      async () => {
        const w = WORKLOADS.find((x) => x.id === id);
        if (w) result.workloads[id] = await w.run(ctx);
      },
    ];
    if (workloads.includes('W1')) plan.push(workload('W1'));
    if (references.includes('broker'))
      plan.push(['raw broker', async () => void (result.references.rawBroker = await rawBroker(ctx))]);
    if (references.includes('store'))
      plan.push(['raw store', async () => void (result.references.rawStore = await rawStore(ctx))]);
    if (references.includes('decode'))
      plan.push(['raw decode', async () => void (result.references.rawDecode = await rawDecode(ctx))]);
    for (const id of ['R', 'S', 'A']) if (workloads.includes(id)) plan.push(workload(id));
    for (const [what, fn] of plan) {
      ctx.log(`=== ${what}`);
      await attempt(what, fn);
    }
  } catch (err) {
    result.errors.push(err instanceof Error ? err.message : String(err));
  } finally {
    ctx.close();
    result.notes.push(...ctx.notes);
    if (opts.quick) result.notes.push('Quick run: steps are short; use the full run for capacity figures.');
    result.notes.push(
      `Load average at the end: ${(await import('node:os'))
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (2 cores; above 2 means other work competed).`,
    );
    await save();
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, renderReport(result));
    ctx.log(`report written to ${out}; JSON in ${jsonPath}`);
  }
  return result.errors.length > 0 ? 1 : 0;
}

/** `--render <result.json>`: the report again from a stored result (after a change to the report only). */
async function rerender(path: string, out: string): Promise<number> {
  const result = JSON.parse(await readFile(resolve(path), 'utf8')) as BenchResult;
  result.ratios = computeRatios(result.workloads, result.references);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, renderReport(result));
  process.stdout.write(`report for ${result.startedAt} rendered to ${out}\n`);
  return 0;
}

/** The command as a user types it: without the store locations scripts/bench.sh adds. */
function commandLine(argv: string[]): string {
  const shown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (/^--(data|influx-url|database-url)$/.test(argv[i])) i++;
    else if (!/^--(data|influx-url|database-url)=/.test(argv[i])) shown.push(argv[i]);
  }
  return `npm run bench${shown.length ? ` -- ${shown.join(' ')}` : ''}`;
}

function settings(o: BenchOptions): Record<string, string | number | boolean> {
  return {
    sensors: o.sensors,
    'connections per sensor': 1,
    'assets registered': o.assets,
    'writer batch size (INFLUX_BATCH_SIZE)': o.serverEnv.INFLUX_BATCH_SIZE,
    'writer flush interval ms (INFLUX_FLUSH_MS)': o.serverEnv.INFLUX_FLUSH_MS,
    'writer requests in flight (INFLUX_MAX_INFLIGHT)': o.serverEnv.INFLUX_MAX_INFLIGHT,
    'service log level': o.serverEnv.LOG_LEVEL,
    'W1 warm-up / measured s': `${o.timings.warmupS} / ${o.timings.measureS}`,
    'R start / step / step length': `${o.rampStart}/s / +${o.rampStep}/s / ${o.timings.rampStepS} s`,
    'raw broker ramp step length s': o.timings.rawRampStepS,
    'R step held when': `sent ≥ ${o.criteria.minSendRatio * 100} % of target, backlog growth ≤ ${o.criteria.maxBacklogGrowth * 100} %/s, p99 ≤ ${o.criteria.maxP99Ms} ms, spool not growing, zero loss`,
    'S outage s': o.timings.outageS,
    'raw store batch lines / lines per run': `${RAW_STORE_BATCH} / ${o.timings.rawStoreLines}`,
    'MQTT QoS': 1,
  };
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    process.exit(2);
  },
);
