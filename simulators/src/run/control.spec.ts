import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ControlWatcher, controlPathFor, parseControl, writeControl } from './control.js';
import type { RunArgs } from './options.js';

describe('scenario control file', () => {
  it('lives next to the credentials file by default', () => {
    expect(controlPathFor('/data/run/device-credentials.json')).toBe(
      '/data/run/device-credentials.json.control.json',
    );
  });

  it('turns a command into run options', () => {
    const args = parseControl(
      '{"scenario":"gas-leak","asset":"GAS-SEG-0001","startAfterS":5,"durationS":60,"issuedAt":"x"}',
    );
    expect(args).toEqual({
      scenario: 'gas-leak',
      asset: 'GAS-SEG-0001',
      'scenario-start': '5',
      'scenario-duration': '60',
    });
    expect(() => parseControl('{"asset":"X"}')).toThrow(/no "scenario"/);
  });

  it('hands a command written after the watcher started to the running simulator', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'lifeline-ctl-')), 'cred.json.control.json');
    const received = new Promise<RunArgs>((resolve) => {
      const watcher = new ControlWatcher(
        path,
        (args) => {
          watcher.stop();
          resolve(args);
        },
        () => undefined,
      );
      watcher.start();
    });
    // The file's mtime must be later than the watcher's start for it to count as new.
    await new Promise((r) => setTimeout(r, 20));
    await writeControl(path, {
      scenario: 'offline',
      device: 'GAS-DEV-0008',
      issuedAt: new Date().toISOString(),
    });
    await expect(received).resolves.toEqual({ scenario: 'offline', device: 'GAS-DEV-0008' });
  });
});
