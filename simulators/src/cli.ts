#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { loadCommand, runCommand, scenarioCommand } from './commands.js';
import { UsageError } from './run/options.js';

/** `node dist/simulators/src/cli.js <run|scenario|load> …` — device simulators and the load generator. */
const USAGE = `Usage:
  simulate run --credentials <file> [--url mqtt://127.0.0.1:1883]
               [--devices N] [--domain d] [--asset id]
               [--interval-s S | --speedup k] [--rate R] [--seed S] [--duration S]
               [--scenario name (--asset id | --device id)] [--scenario-start S] [--scenario-duration S]
               [--connect-rate C] [--stats-s S] [--start-seq Q] [--control <file>] [--verbose]
  simulate scenario --list
  simulate scenario --trigger name (--asset id | --device id) --credentials <file>
                    [--scenario-start S] [--scenario-duration S] [--control <file>]
      (starts a scenario in the \`run\` already running on these credentials)
  simulate load --credentials <file> [--url mqtt://127.0.0.1:1883] [--devices N] [--rate-per-device r]
                [--duration s] [--connections c] [--start-seq Q] [--drain s] [--out result.json]
See simulators/README.md.`;

const OPTIONS = {
  credentials: { type: 'string' },
  url: { type: 'string' },
  devices: { type: 'string' },
  domain: { type: 'string' },
  asset: { type: 'string' },
  device: { type: 'string' },
  'interval-s': { type: 'string' },
  speedup: { type: 'string' },
  rate: { type: 'string' },
  seed: { type: 'string' },
  duration: { type: 'string' },
  scenario: { type: 'string' },
  'scenario-start': { type: 'string' },
  'scenario-duration': { type: 'string' },
  'connect-rate': { type: 'string' },
  'stats-s': { type: 'string' },
  'start-seq': { type: 'string' },
  verbose: { type: 'boolean' },
  list: { type: 'boolean' },
  trigger: { type: 'string' },
  control: { type: 'string' },
  'rate-per-device': { type: 'string' },
  connections: { type: 'string' },
  drain: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function main(argv: string[]): Promise<number> {
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    const [command] = positionals;
    if (values.help || !command) {
      log(USAGE);
      return values.help ? 0 : 2;
    }
    if (command === 'run') return await runCommand(values, log);
    if (command === 'scenario') return await scenarioCommand(values, log);
    if (command === 'load') return await loadCommand(values, log);
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    const usage =
      error instanceof UsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n${usage ? `\n${USAGE}\n` : ''}`,
    );
    return usage ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
