import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskSpool } from './disk-spool.js';
import { gunzipLines, gzipLines } from './gzip-body.js';
import { InfluxError } from './influx-error.js';

describe('DiskSpool', () => {
  let dir: string;
  const spools: DiskSpool[] = [];
  const spoolAt = (path = dir) => {
    const spool = new DiskSpool(path);
    spools.push(spool);
    return spool;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lifeline-spool-'));
  });
  afterEach(async () => {
    await Promise.all(spools.splice(0).map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('appends segments in order, reads them back and forgets removed ones', async () => {
    const spool = spoolAt();
    await spool.open();
    const a = await spool.append(await gzipLines(['a1', 'a2']), 2);
    const b = await spool.append(await gzipLines(['b1']), 1);
    expect(spool.stats()).toMatchObject({ segments: 2, lines: 3 });
    expect(spool.peek(100).map((s) => s.file)).toEqual([a.file, b.file]);
    expect(await gunzipLines(await spool.read(a))).toEqual(['a1', 'a2']);
    await spool.remove(a);
    expect(spool.peek(100)).toEqual([b]);
    expect(spool.stats()).toEqual({ segments: 1, lines: 1, bytes: b.bytes });
  });

  it('peeks the oldest segments up to a line budget, but always at least one', async () => {
    const spool = spoolAt();
    await spool.open();
    for (const n of [3, 3, 3]) await spool.append(await gzipLines(Array.from({ length: n }, String)), n);
    expect(spool.peek(6)).toHaveLength(2);
    expect(spool.peek(5)).toHaveLength(1);
    expect(spool.peek(1)).toHaveLength(1);
  });

  it('survives a restart: segments are found again, temp files from a crash are dropped, numbering continues', async () => {
    const first = spoolAt();
    await first.open();
    await first.append(await gzipLines(['x']), 1);
    await first.append(await gzipLines(['y', 'z']), 2);
    await first.close();
    // What a crash during an append leaves behind: never acknowledged, so it must not be replayed.
    await writeFile(join(dir, '000000000002-5.lp.gz.tmp'), 'half a gzip');

    const second = spoolAt();
    await second.open();
    expect(second.stats()).toMatchObject({ segments: 2, lines: 3 });
    const next = await second.append(await gzipLines(['w']), 1);
    expect(next.seq).toBe(2);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const replayOrder = await Promise.all(
      second.peek(100).map(async (s) => (await gunzipLines(await second.read(s))).join('')),
    );
    expect(replayOrder).toEqual(['x', 'yz', 'w']);
  });

  it('refuses a second live owner of the same folder, and takes over a lock left by a dead process', async () => {
    const owner = spoolAt();
    await owner.open();
    await expect(spoolAt().open()).rejects.toMatchObject({ code: 'invalid_config' });
    await owner.close();

    await writeFile(join(dir, 'LOCK'), '999999999'); // no such pid
    const next = spoolAt();
    await expect(next.open()).resolves.toBeUndefined();
    await next.close();

    // After a container restart the new process may have the dead one's pid: its lock is stale too.
    await writeFile(join(dir, 'LOCK'), String(process.pid));
    await expect(spoolAt().open()).resolves.toBeUndefined();
  });

  it('sets a segment aside as .corrupt, out of the queue', async () => {
    const spool = spoolAt();
    await spool.open();
    const seg = await spool.append(Buffer.from('not gzip'), 4);
    await spool.quarantine(seg);
    expect(spool.isEmpty).toBe(true);
    expect(await readdir(dir)).toContain(`${seg.file}.corrupt`);
  });

  it('reports spool_failed when the folder is not writable', async () => {
    const spool = spoolAt();
    await spool.open();
    await rm(dir, { recursive: true, force: true });
    const err: unknown = await spool.append(await gzipLines(['a']), 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InfluxError);
    expect((err as InfluxError).code).toBe('spool_failed');
    expect(spool.isEmpty).toBe(true);
  });
});
