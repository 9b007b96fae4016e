import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import type { RunArgs } from './options.js';

/**
 * Triggering scenarios in a simulator that is already running. Two simulator processes must not run the
 * same devices (same client ids: the broker hands the session back and forth, and both number readings
 * from the same seq), so `scenario --trigger` does not connect anything: it writes a command file that the
 * running `run` polls — by default `<credentials>.control.json`.
 */
export interface ControlCommand {
  scenario: string;
  asset?: string;
  device?: string;
  startAfterS?: number;
  durationS?: number;
  issuedAt: string;
}

export const controlPathFor = (credentialsPath: string): string => `${credentialsPath}.control.json`;

export async function writeControl(path: string, command: ControlCommand): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(command)}\n`, { encoding: 'utf8', mode: 0o600 });
  await rename(tmp, path);
}

/** A control command as `run` options, or an error naming what is wrong with the file. */
export function parseControl(text: string): RunArgs {
  const doc = JSON.parse(text) as Partial<ControlCommand> | null;
  if (typeof doc !== 'object' || doc === null || typeof doc.scenario !== 'string')
    throw new Error('control file has no "scenario"');
  const str = (v: unknown): string | undefined =>
    typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
  return {
    scenario: doc.scenario,
    ...(str(doc.asset) === undefined ? {} : { asset: str(doc.asset) }),
    ...(str(doc.device) === undefined ? {} : { device: str(doc.device) }),
    ...(str(doc.startAfterS) === undefined ? {} : { 'scenario-start': str(doc.startAfterS) }),
    ...(str(doc.durationS) === undefined ? {} : { 'scenario-duration': str(doc.durationS) }),
  };
}

const POLL_MS = 1_000;

/** Polls the control file; calls `onCommand` for every version written after the watcher started. */
export class ControlWatcher {
  private timer: NodeJS.Timeout | undefined;
  private lastMtime: number;

  constructor(
    private readonly path: string,
    private readonly onCommand: (args: RunArgs) => void,
    private readonly log: (line: string) => void,
  ) {
    // Commands left over from an earlier run are not replayed.
    this.lastMtime = Date.now();
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async poll(): Promise<void> {
    try {
      const info = await stat(this.path);
      if (info.mtimeMs <= this.lastMtime) return;
      this.lastMtime = info.mtimeMs;
      this.onCommand(parseControl(await readFile(this.path, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.log(`control file ${this.path}: ${(error as Error).message}`);
    }
  }
}
