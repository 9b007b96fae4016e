import { jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startIngest } from './harness.js';

jest.setTimeout(300_000);
const run = promisify(execFile);

it('throughput', async () => {
  const h = await startIngest({ env: { INFLUX_FLUSH_MS: process.env.FLUSH ?? '100', LOG_LEVEL: 'warn' } });
  try {
    const devices = [];
    for (let i = 0; i < Number(process.env.CONNS ?? 20); i++) devices.push(await h.device(`GAS-BENCH-${i}`));
    const { stdout } = await run('node', ['/tmp/lifeline-bench/gen.mjs', h.mqttUrl, JSON.stringify(devices), process.env.SECS ?? '15', process.env.WINDOW ?? '200', process.env.PER ?? '1'], { maxBuffer: 1e7 });
    const result = JSON.parse(stdout.trim().split('\n').pop()!);
    const series = await h.query(`SELECT count(seq) FROM telemetry WHERE device_id =~ /GAS-BENCH/`);
    console.log('RESULT', JSON.stringify(result), 'stored', series[0]?.values[0]?.[1]);
  } finally {
    await h.close();
  }
});
