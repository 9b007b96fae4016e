import { expectStatus, lineAsset } from '../api/fixtures.js';
import { gasPoint, ramp, startAlarms, type AlarmHarness } from '../alarms/harness.js';
import { BOOT_TIMEOUT_MS } from '../support/app.js';
import { eventsOf, riskWhere, WORKED_EXAMPLE } from './harness.js';

/**
 * The demo, end to end through the real alarm engine (ingest role) and the risk evaluator
 * (dispatcher role) in one process: CH4 jumping to 55 %LEL with ethane in a manhole beside the §b.3 main
 * raises a red alarm (auto-dispatched, so confirmed), and the main turns 重大 within seconds with the reading and the rule in its
 * explanation. (Only the polling bound limits the wait; no timing is asserted.)
 */

let h: AlarmHarness;

beforeAll(async () => {
  h = await startAlarms();
}, BOOT_TIMEOUT_MS);
afterAll(async () => h?.close(), BOOT_TIMEOUT_MS);

it('a red gas alarm in an adjacent manhole turns the main 重大', async () => {
  const main = lineAsset('LEAK-MAIN', { attributes: WORKED_EXAMPLE });
  expectStatus(await h.t.api('POST', '/api/v1/assets', { body: main }), 201);
  const ids = await gasPoint(h.t, 'LEAK-MH', { parentId: 'LEAK-MAIN' });
  await riskWhere(h.t, 'LEAK-MAIN', (r) => r.level === 'larger');

  await h.feed(ramp(ids, [3, 55], { c2h6_present: 1 }));

  const row = await riskWhere(h.t, 'LEAK-MAIN', (r) => r.level === 'major', 'the main to turn major');
  const overrides = (
    row.explanation as { dynamic: { overrides: { key: string; source: Record<string, unknown> }[] } }
  ).dynamic.overrides;
  const gas = overrides.find((o) => o.key === 'override.ch4_confined_space');
  expect(gas?.source).toMatchObject({ deviceId: ids.deviceId, metric: 'ch4_lel', ruleId: 'gas.ch4_lel' });
  expect(gas?.source.value).toBe(55);
  const factors = (row.explanation as { dynamic: { factors: { key: string; delta: number }[] } }).dynamic
    .factors;
  expect(factors).toContainEqual(expect.objectContaining({ key: 'alarm.red', delta: 2 }));
  const changed = await eventsOf(h.t, 'risk.level_changed', 'LEAK-MAIN');
  expect(changed.at(-1)?.payload.data).toMatchObject({ from: 'larger', to: 'major' });
});
