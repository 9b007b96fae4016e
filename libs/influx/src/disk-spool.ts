import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InfluxError } from './influx-error.js';
import {
  CORRUPT_SUFFIX,
  TEMP_SUFFIX,
  compareSegments,
  isTempFile,
  parseSegmentFileName,
  segmentFileName,
} from './spool-segment-name.js';

export interface SpoolSegment {
  seq: number;
  lines: number;
  bytes: number;
  file: string;
}

export interface SpoolStats {
  segments: number;
  bytes: number;
  lines: number;
}

const LOCK_FILE = 'LOCK';
/** Spool folders opened by this process, to tell our own live lock from a stale one with our pid. */
const OPEN_IN_THIS_PROCESS = new Set<string>();

/**
 * Append-only, crash-safe spool of gzipped write bodies, one file per segment (docs/decisions/0003).
 *
 * Durability: a segment is written to `<name>.tmp`, fsynced, renamed, and then the directory is fsynced so
 * the rename itself survives a power cut (rename(2) is atomic but only durable once its directory is
 * synced). Only then does `append` resolve, and only then may a caller acknowledge anything. A crash
 * leaves at worst a `.tmp` file, whose lines were never acknowledged; `open` deletes it.
 * Deletion is not fsynced: a segment that reappears after a crash is replayed twice, which InfluxDB
 * absorbs (a point with the same series and timestamp overwrites itself).
 */
export class DiskSpool {
  private segments: SpoolSegment[] = [];
  private nextSeq = 0;
  private bytes = 0;
  private lines = 0;
  private opened = false;

  constructor(readonly dir: string) {}

  /** Creates the folder, takes the lock, drops unfinished temp files and indexes the segments left. */
  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await this.lock();
    const found: SpoolSegment[] = [];
    for (const file of await readdir(this.dir)) {
      if (isTempFile(file)) {
        await unlink(join(this.dir, file));
        continue;
      }
      const name = parseSegmentFileName(file);
      if (name) found.push({ ...name, bytes: (await stat(join(this.dir, file))).size });
    }
    this.segments = found.sort(compareSegments);
    this.nextSeq = found.length > 0 ? found[found.length - 1].seq + 1 : 0;
    this.bytes = found.reduce((sum, s) => sum + s.bytes, 0);
    this.lines = found.reduce((sum, s) => sum + s.lines, 0);
    this.opened = true;
  }

  /** Releases the lock; the segments stay on disk for the next `open`. */
  async close(): Promise<void> {
    if (!this.opened) return;
    this.opened = false;
    OPEN_IN_THIS_PROCESS.delete(resolve(this.dir));
    await rm(join(this.dir, LOCK_FILE), { force: true });
  }

  /** Makes one body durable; resolves only after the data and the rename are on disk. */
  async append(body: Buffer, lines: number): Promise<SpoolSegment> {
    if (!this.opened) throw new InfluxError('spool_failed', `spool ${this.dir} is not open`);
    const seq = this.nextSeq++; // taken synchronously: concurrent appends get distinct, ordered names
    const file = segmentFileName(seq, lines);
    const temp = join(this.dir, file + TEMP_SUFFIX);
    try {
      await writeSynced(temp, body);
      await rename(temp, join(this.dir, file));
      await this.syncDir();
    } catch (err) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw new InfluxError('spool_failed', `could not spool ${lines} lines to ${this.dir}: ${String(err)}`, {
        cause: err,
      });
    }
    const segment: SpoolSegment = { seq, lines, bytes: body.length, file };
    this.insert(segment);
    return segment;
  }

  /** The oldest segments whose lines add up to at most `maxLines` (always at least one, if any). */
  peek(maxLines: number): SpoolSegment[] {
    const group: SpoolSegment[] = [];
    let total = 0;
    for (const segment of this.segments) {
      if (group.length > 0 && total + segment.lines > maxLines) break;
      group.push(segment);
      total += segment.lines;
    }
    return group;
  }

  read(segment: SpoolSegment): Promise<Buffer> {
    return readFile(join(this.dir, segment.file));
  }

  /** Deletes a segment once InfluxDB has acknowledged it. */
  async remove(segment: SpoolSegment): Promise<void> {
    await rm(join(this.dir, segment.file), { force: true });
    this.forget(segment);
  }

  /** Sets an unreadable segment aside under `<name>.corrupt` for an operator, out of the replay queue. */
  async quarantine(segment: SpoolSegment): Promise<void> {
    const path = join(this.dir, segment.file);
    await rename(path, path + CORRUPT_SUFFIX).catch(() => rm(path, { force: true }));
    this.forget(segment);
  }

  get isEmpty(): boolean {
    return this.segments.length === 0;
  }

  stats(): SpoolStats {
    return { segments: this.segments.length, bytes: this.bytes, lines: this.lines };
  }

  private insert(segment: SpoolSegment): void {
    // Appends finish almost always in sequence order; walk back from the end for the rare overtaking one.
    let i = this.segments.length;
    while (i > 0 && this.segments[i - 1].seq > segment.seq) i--;
    this.segments.splice(i, 0, segment);
    this.bytes += segment.bytes;
    this.lines += segment.lines;
  }

  private forget(segment: SpoolSegment): void {
    const i = this.segments.indexOf(segment);
    if (i < 0) return;
    this.segments.splice(i, 1);
    this.bytes -= segment.bytes;
    this.lines -= segment.lines;
  }

  private async syncDir(): Promise<void> {
    const handle = await open(this.dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /**
   * One writer per spool folder: two would hand out the same sequence numbers and a rename would
   * overwrite an acknowledged segment. A lock left by a process that died is taken over.
   */
  private async lock(): Promise<void> {
    const path = join(this.dir, LOCK_FILE);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(path, 'wx');
        await handle.writeFile(String(process.pid));
        await handle.close();
        OPEN_IN_THIS_PROCESS.add(resolve(this.dir));
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (isHeld(holder, this.dir)) {
        throw new InfluxError('invalid_config', `spool ${this.dir} is in use by process ${holder}`);
      }
      await rm(path, { force: true });
    }
    throw new InfluxError('invalid_config', `could not lock spool ${this.dir}`);
  }
}

/**
 * Whether the lock's pid still owns the folder. Our own pid owns it only if this process opened it: after
 * a container restart the new process often gets the pid of the one that died (pid 1, say), and its
 * stale lock must not block start-up.
 */
function isHeld(pid: number, dir: string): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return OPEN_IN_THIS_PROCESS.has(resolve(dir));
  return isAlive(pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function writeSynced(path: string, body: Buffer): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(body);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
