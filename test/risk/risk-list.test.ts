import type { CensusAttributes } from '#contracts';
import { expectStatus, lineAsset, tokenFor } from '../api/fixtures.js';
import { BOOT_TIMEOUT_MS } from '../support/app.js';
import {
  createOwnerUnits,
  ownerUnit,
  riskWhere,
  startRisk,
  WORKED_EXAMPLE,
  type RiskHarness,
} from './harness.js';

/**
 * The risk list 风险清单 (JSON and CSV) and utility scoping of the risk API, against real PostgreSQL.
 */

const BEST: CensusAttributes = {
  material: 'pe',
  install_year: 2024,
  pressure_class: 'low',
  leak_repairs_5y: 0,
  corrosion_env: 'low',
  third_party_construction: false,
  subsidence: false,
  adjacent_spaces: 0,
  population_density: 'low',
  crowded_places: [],
  diameter_mm: 50,
  households_served: 0,
  arterial_road: false,
  daily_traffic: 0,
};
const WORST: CensusAttributes = {
  material: 'grey_cast_iron',
  install_year: 1960,
  pressure_class: 'high',
  leak_repairs_5y: 5,
  corrosion_env: 'high',
  third_party_construction: true,
  subsidence: true,
  adjacent_spaces: 10,
  population_density: 'high',
  crowded_places: ['school'],
  diameter_mm: 600,
  households_served: 200_000,
  arterial_road: true,
};

const ASSETS = [
  lineAsset('G-1', { name: '纬一路 "东段", DN200', attributes: WORKED_EXAMPLE }),
  lineAsset('G-2', { name: '伊金霍洛\n西街 PE', attributes: BEST }),
  lineAsset('G-3', { name: '东胜 铸铁干管', district: '东胜区', attributes: WORST }),
  lineAsset('W-1', { domain: 'water', ownerUnitId: 'water-co', name: '=HYPERLINK("x")', attributes: {} }),
  lineAsset('W-2', { domain: 'water', ownerUnitId: 'water-co', name: '滨河 PE 供水管', attributes: BEST }),
];

let h: RiskHarness;
let utility: string;

beforeAll(async () => {
  h = await startRisk();
  await createOwnerUnits(h.t, ownerUnit('gas-co', ['gas']), ownerUnit('water-co', ['water']));
  for (const body of ASSETS) expectStatus(await h.t.api('POST', '/api/v1/assets', { body }), 201);
  // A flow meter that has never reported: W-2 is graded but unverified.
  const meter = {
    id: 'W-2-FLOW',
    domain: 'water',
    assetId: 'W-2',
    metrics: ['flow_m3h'],
    reportIntervalS: 900,
  };
  expectStatus(await h.t.api('POST', '/api/v1/devices', { body: meter }), 201);
  for (const a of ASSETS) await riskWhere(h.t, a.id as string, () => true);
  await riskWhere(h.t, 'W-2', (r) => !r.verified);
  utility = await tokenFor(h.t, 'utility', 'gas-co');
}, BOOT_TIMEOUT_MS);
afterAll(async () => h?.close(), BOOT_TIMEOUT_MS);

const ids = (body: { items: { assetId: string }[] }): string[] => body.items.map((i) => i.assetId);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read the answer with toMatchObject
const list = async (query = '', token?: string): Promise<any> =>
  (await h.t.api('GET', `/api/v1/risk-list${query}`, { token })).body;

describe('GET /risk-list (JSON)', () => {
  it('lists every graded asset, highest level and score first, with labels and reasons', async () => {
    const body = await list();
    expect(ids(body)).toEqual(['G-3', 'G-1', 'W-1', 'G-2', 'W-2']);
    expect(body.items[0]).toMatchObject({
      level: 'major',
      levelLabel: '重大',
      colour: 'red',
      domainLabel: '燃气',
      ownerUnitName: 'gas-co 公司',
    });
    expect(body.items[1]).toMatchObject({
      assetId: 'G-1',
      score: 16,
      likelihood: 4,
      severity: 4,
      levelLabel: '较大',
      verified: true,
    });
    expect(body.items[1].reasons.length).toBe(3);
    expect(body.items[1].reason).toContain('管材 grey_cast_iron');
  });

  it('filters by domain, district, level, owner unit and verified', async () => {
    expect(ids(await list('?domain=water'))).toEqual(['W-1', 'W-2']);
    expect(ids(await list(`?district=${encodeURIComponent('东胜区')}`))).toEqual(['G-3']);
    expect(ids(await list('?level=major,larger'))).toEqual(['G-3', 'G-1', 'W-1']);
    expect(ids(await list('?ownerUnitId=water-co&level=low'))).toEqual(['W-2']);
    expect(ids(await list('?verified=false'))).toEqual(['W-2']);
    expect((await h.t.api('GET', '/api/v1/risk-list?level=red')).status).toBe(400);
  });

  it('pages with limit and cursor without gaps or repeats', async () => {
    const first = await list('?limit=2');
    expect(ids(first)).toEqual(['G-3', 'G-1']);
    const second = await list(`?limit=2&cursor=${first.nextCursor}`);
    const third = await list(`?limit=2&cursor=${second.nextCursor}`);
    expect([...ids(second), ...ids(third)]).toEqual(['W-1', 'G-2', 'W-2']);
    expect(third.nextCursor).toBeNull();
  });
});

describe('GET /risk-list?format=csv', () => {
  it('is UTF-8 with a BOM, CRLF line ends, a Chinese header and a download name', async () => {
    const res = await h.t.api('GET', '/api/v1/risk-list?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="risk-list-\d{8}\.csv"; filename\*=UTF-8''%E9%A3%8E%E9%99%A9%E6%B8%85%E5%8D%95-\d{8}\.csv$/,
    );
    const bytes = Buffer.from(
      await (
        await fetch(`${h.t.baseUrl}/api/v1/risk-list?format=csv`, {
          headers: { authorization: `Bearer ${h.t.adminToken}` },
        })
      ).arrayBuffer(),
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text: string = res.body;
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      '资产编号,资产名称,领域,类型,区县,权属单位,风险等级,风险值R,可能性L,严重性S,主要原因,等级起始时间(北京时间),数据已核实',
    );
    expect(lines).toHaveLength(ASSETS.length + 2);
    expect(lines.at(-1)).toBe('');
  });

  it('quotes commas, quotes and line breaks, defuses formulas, and writes Chinese labels', async () => {
    const text: string = (await h.t.api('GET', '/api/v1/risk-list?format=csv')).body;
    const rows = text.replace(/^\uFEFF/, '').split('\r\n');
    const g1 = rows.find((r) => r.startsWith('G-1,'))!;
    expect(
      g1.startsWith('G-1,"纬一路 ""东段"", DN200",燃气,pipeline_segment,康巴什区,gas-co 公司,较大,16,4,4,"'),
    ).toBe(true);
    expect(g1).toMatch(/,是$/);
    expect(g1.split('\n')).toHaveLength(3); // three reasons in one quoted cell
    expect(rows.find((r) => r.startsWith('G-2,'))).toContain('"伊金霍洛\n西街 PE"');
    expect(rows.find((r) => r.startsWith('W-1,'))).toContain(`"'=HYPERLINK(""x"")",供水`);
    expect(rows.find((r) => r.startsWith('W-2,'))).toMatch(/,低,.*,否$/s);
  });
});

describe('utility scoping', () => {
  it('lists only its own unit, and nothing when it asks for another', async () => {
    expect(ids(await list('', utility))).toEqual(['G-3', 'G-1', 'G-2']);
    expect(ids(await list('?ownerUnitId=water-co', utility))).toEqual([]);
    const csv: string = (await h.t.api('GET', '/api/v1/risk-list?format=csv', { token: utility })).body;
    expect(csv).not.toContain('W-1');
  });

  it('gets 404 for another unit’s asset, as for one that does not exist', async () => {
    for (const path of [
      '/api/v1/assets/W-1/risk',
      '/api/v1/assets/W-1/risk/history',
      '/api/v1/assets/NOPE/risk',
    ]) {
      const res = await h.t.api('GET', path, { token: utility });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ASSET_NOT_FOUND');
    }
    expect((await h.t.api('GET', '/api/v1/assets/G-1/risk', { token: utility })).status).toBe(200);
  });

  it('sees only its own unit in the report, and may not file external reports', async () => {
    const report = (await h.t.api('GET', '/api/v1/reports/risk-assessment?format=json', { token: utility }))
      .body;
    expect(report.totals.total).toBe(3);
    expect(report.scope.ownerUnitId).toBe('gas-co');
    const res = await h.t.api('POST', '/api/v1/assets/G-1/external-events', {
      token: utility,
      body: { kind: 'subsidence', note: 'x' },
    });
    expect(res.status).toBe(403);
  });

  it('lets an auditor read everything', async () => {
    const auditor = await tokenFor(h.t, 'auditor');
    expect(ids(await list('', auditor))).toHaveLength(ASSETS.length);
  });
});

describe('an asset not graded yet', () => {
  it('answers 404 RISK_NOT_ASSESSED until the evaluator grades it', async () => {
    await h.t.db.deleteFrom('asset_risk').where('asset_id', '=', 'G-2').execute();
    const res = await h.t.api('GET', '/api/v1/assets/G-2/risk');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('RISK_NOT_ASSESSED');
    h.evaluator.requestSweep('tick');
    await h.evaluator.idle();
    expect((await h.t.api('GET', '/api/v1/assets/G-2/risk')).status).toBe(200);
  });
});
