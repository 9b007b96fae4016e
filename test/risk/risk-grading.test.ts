import { sql } from 'kysely';
import { ApiClient } from '../../seeds/src/loader/api-client.js';
import { DEFAULT_PLAN, loadRegistry } from '../../seeds/src/loader/load-registry.js';
import { sampleCity } from '../../seeds/src/sample-city.js';
import { expectStatus, lineAsset } from '../api/fixtures.js';
import { BOOT_TIMEOUT_MS } from '../support/app.js';
import { riskWhere, startRisk, waitFor, WORKED_EXAMPLE, type RiskHarness } from './harness.js';

/**
 * Static grading of the sample city (Kangbashi) and the risk assessment report, against real
 * PostgreSQL: every asset graded after an import, levels that differ, the DOMAIN.md §b.3 census at
 * L4 × S4 = 16 with its factors, and the report's counts and monitoring coverage.
 */

let h: RiskHarness;
const city = sampleCity();

beforeAll(async () => {
  h = await startRisk();
  const client = new ApiClient({ baseUrl: h.t.baseUrl, token: h.t.adminToken });
  await loadRegistry(client, city, DEFAULT_PLAN, () => undefined);
  await waitFor('every seeded asset to be graded', async () => {
    const row = await h.t.db
      .selectFrom('asset_risk')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n) === city.assets.features.length;
  });
}, 120_000);
afterAll(async () => h?.close(), BOOT_TIMEOUT_MS);

describe('static grading', () => {
  it('grades every seeded asset from its census, with levels that differ', async () => {
    const rows = await h.t.db
      .selectFrom('asset_risk')
      .select(['level', 'static_level', 'explanation', 'ruleset_version'])
      .execute();
    const levels = new Set(rows.map((r) => r.static_level));
    expect(levels.size).toBeGreaterThanOrEqual(3);
    for (const r of rows) {
      expect((r.explanation as { static: { factors: unknown[] } }).static.factors.length).toBeGreaterThan(0);
      expect(r.ruleset_version).toBe('static-risk/1.0.0+dynamic-risk/1.0.0');
    }
  });

  it('scores the §b.3 worked example 较大, L4 × S4 = 16, and lists its factors', async () => {
    expectStatus(
      await h.t.api('POST', '/api/v1/assets', {
        body: lineAsset('B3-EXAMPLE', { attributes: WORKED_EXAMPLE }),
      }),
      201,
    );
    await riskWhere(h.t, 'B3-EXAMPLE', () => true);
    const res = await h.t.api('GET', '/api/v1/assets/B3-EXAMPLE/risk');
    expect(res.body).toMatchObject({
      level: 'larger',
      label: '较大',
      colour: 'orange',
      score: 16,
      likelihood: 4,
      severity: 4,
    });
    const s = res.body.explanation.static;
    expect(s).toMatchObject({
      level: 'larger',
      likelihood: 4,
      severity: 4,
      likelihoodPoints: 4.25,
      severityPoints: 4,
    });
    expect(s.factors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'likelihood.material', input: 'grey_cast_iron', contribution: 1 }),
        expect.objectContaining({ key: 'likelihood.leak_repairs', input: 2, contribution: 0.5 }),
        expect.objectContaining({ key: 'severity.adjacent_spaces', input: 7, contribution: 1 }),
        expect.objectContaining({ key: 'severity.crowded_places', input: ['school'], contribution: 0.75 }),
      ]),
    );
    expect(res.body.explanation.versions).toMatchObject({
      static: 'static-risk/1.0.0',
      dynamic: 'dynamic-risk/1.0.0',
    });
    // A census with no sensors is graded on the census alone, and that is verified (docs/risk-model.md §4).
    expect(res.body).toMatchObject({ verified: true });
    expect(res.body.explanation.monitoring.dataStatus).toBe('unmonitored');
  });
});

/** Pipeline km, and km with a fresh enabled device on the segment or in one of its manholes/wells. */
async function expectedCoverage(): Promise<{ total: number; monitored: number }> {
  const { rows } = await sql<{ total: number; monitored: number }>`
    select sum(p.length_m) as total,
           sum(p.length_m) filter (where exists (
             select 1 from assets m join devices d on d.asset_id = m.id
             where (m.id = p.id or (m.parent_id = p.id and m.kind in ('manhole', 'inspection_well', 'valve_chamber', 'tunnel_section')))
               and d.enabled and d.online and d.last_seen_at > now() - make_interval(secs => 3 * d.report_interval_s)
           )) as monitored
    from assets p where p.kind = 'pipeline_segment' and p.length_m > 0`.execute(h.t.db);
  return { total: Number(rows[0].total), monitored: Number(rows[0].monitored ?? 0) };
}

describe('risk assessment report', () => {
  beforeAll(async () => {
    // A third of the gas detectors report (as if the ingest had heard them a minute ago).
    await sql`update devices set online = true, last_seen_at = now() - interval '1 minute'
              where domain = 'gas' and ('x' || substr(md5(id), 1, 2))::bit(8)::int % 3 = 0`.execute(h.t.db);
  });

  it('counts assets per level and domain, and measures monitoring coverage against the 15 % target', async () => {
    const res = await h.t.api('GET', '/api/v1/reports/risk-assessment?format=json');
    expect(res.status).toBe(200);
    const report = res.body as {
      totals: { total: number };
      counts: { domain: string; total: number; major: number }[];
      coverage: { target: number; overall: { totalKm: number; monitoredKm: number; ratio: number } };
      devices: { enabled: number; online: number };
      topRisks: { reasons: string[] }[];
    };
    expect(report.totals.total).toBe(city.assets.features.length + 1);
    const gas = report.counts.find((c) => c.domain === 'gas')!;
    const gasAssets = await h.t.db
      .selectFrom('asset_risk as r')
      .innerJoin('assets as a', 'a.id', 'r.asset_id')
      .select(['r.level'])
      .where('a.domain', '=', 'gas')
      .execute();
    expect(gas.total).toBe(gasAssets.length);
    expect(gas.major).toBe(gasAssets.filter((r) => r.level === 'major').length);

    const expected = await expectedCoverage();
    expect(report.coverage.target).toBe(0.15);
    expect(report.coverage.overall.totalKm).toBeCloseTo(expected.total / 1000, 2);
    expect(report.coverage.overall.monitoredKm).toBeCloseTo(expected.monitored / 1000, 2);
    expect(report.coverage.overall.monitoredKm).toBeGreaterThan(0);
    expect(report.coverage.overall.ratio).toBeCloseTo(expected.monitored / expected.total, 3);
    expect(report.devices.enabled).toBe(city.devices.length);
    expect(report.devices.online).toBeGreaterThan(0);
    expect(report.topRisks.length).toBeGreaterThan(0);
    expect(report.topRisks[0].reasons.length).toBeGreaterThan(0);
  });

  it('renders a self-contained printable HTML page with the counts, the coverage and the ruleset', async () => {
    const json = (await h.t.api('GET', '/api/v1/reports/risk-assessment?format=json')).body;
    const res = await h.t.api('GET', '/api/v1/reports/risk-assessment');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    const html: string = res.body;
    expect(html).toContain('城市基础设施风险评估报告');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html).toContain('监测覆盖率');
    expect(html).toContain(`${(json.coverage.overall.ratio * 100).toFixed(1)} %`);
    expect(html).toContain(
      `<th>合计</th><td class="num">${json.totals.major}</td><td class="num">${json.totals.larger}</td>`,
    );
    expect(html).toContain('static-risk/1.0.0+dynamic-risk/1.0.0');
  });

  it('narrows to a district and domain', async () => {
    const res = await h.t.api(
      'GET',
      `/api/v1/reports/risk-assessment?format=json&domain=water&district=${encodeURIComponent('康巴什区')}`,
    );
    const counts = res.body.counts as { domain: string }[];
    expect(counts.map((c) => c.domain)).toEqual(['water']);
    expect(res.body.scope).toMatchObject({ domain: 'water', district: '康巴什区' });
  });
});
