#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { UsageError, describeFailure, generateCommand, loadCommand } from './commands.js';

/**
 * `node dist/seeds/src/cli.js <generate|load> …` — writes the sample city (or a load-test city) as files,
 * or loads it into a running service and writes the simulators' credentials file.
 */
const USAGE = `Usage:
  seed generate --out <dir> [--assets N --devices M] [--seed S]
      Writes owner-units.json, assets.geojson, devices.json and district.geojson.
      Without --assets/--devices: the Kangbashi sample city. With them: a load-test city of N assets and
      M devices on the same district.
  seed load --api <baseUrl> --token <adminToken> --credentials <file>
            [--assets N --devices M] [--seed S] [--mqtt-url mqtt://host:1883] [--chunk 2000]
      Registers owner units, imports assets and devices (issuing secrets) and writes the credentials file
      (mode 0600) the simulators read. Safe to re-run: secrets are re-issued and the file rewritten.`;

const OPTIONS = {
  out: { type: 'string' },
  assets: { type: 'string' },
  devices: { type: 'string' },
  seed: { type: 'string' },
  api: { type: 'string' },
  token: { type: 'string' },
  credentials: { type: 'string' },
  'mqtt-url': { type: 'string' },
  chunk: { type: 'string' },
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
    if (command === 'generate') await generateCommand(values, log);
    else if (command === 'load') await loadCommand(values, log);
    else throw new UsageError(`unknown command "${command}"`);
    return 0;
  } catch (error) {
    const usage =
      error instanceof UsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    process.stderr.write(`${describeFailure(error)}\n${usage ? `\n${USAGE}\n` : ''}`);
    return usage ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
