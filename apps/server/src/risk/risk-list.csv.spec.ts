import { beijingTime, csvDisposition, riskListCsv } from './risk-list.csv.js';
import type { RiskListItem } from './risk-views.js';

const item = (over: Partial<RiskListItem>): RiskListItem => ({
  assetId: 'GAS-SEG-0001',
  name: '纬一路',
  domain: 'gas',
  domainLabel: '燃气',
  kind: 'pipeline_segment',
  district: '康巴什区',
  ownerUnitId: 'gas-co',
  ownerUnitName: '城燃公司',
  level: 'larger',
  levelLabel: '较大',
  colour: 'orange',
  score: 16,
  likelihood: 4,
  severity: 4,
  verified: true,
  since: '2026-03-10T04:00:00.000Z',
  reasons: ['管材 grey_cast_iron（L +1）'],
  reason: '',
  ...over,
});

const rows = (csv: string): string[] => csv.slice(1).split('\r\n');

describe('risk list CSV (RFC 4180, Excel/WPS)', () => {
  it('starts with a UTF-8 BOM, ends lines with CRLF and converts times to Beijing time', () => {
    const csv = riskListCsv([item({})]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(rows(csv)).toHaveLength(3);
    expect(rows(csv)[1]).toBe(
      'GAS-SEG-0001,纬一路,燃气,pipeline_segment,康巴什区,城燃公司,较大,16,4,4,管材 grey_cast_iron（L +1）,2026-03-10 12:00:00,是',
    );
  });

  it.each([
    ['a comma', 'A, B', '"A, B"'],
    ['a quote', '东段 "A"', '"东段 ""A"""'],
    ['a line break', '伊金霍洛\n西街', '"伊金霍洛\n西街"'],
    ['a formula', '=1+2', "'=1+2"],
    ['a formula with a quote', '=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
  ])('escapes %s', (_label, name, cell) => {
    expect(rows(riskListCsv([item({ name })]))[1].split(',燃气,')[0]).toBe(`GAS-SEG-0001,${cell}`);
  });

  it('puts several reasons on separate lines of one cell, and 否 for an unverified level', () => {
    const line = rows(riskListCsv([item({ reasons: ['a', 'b'], verified: false })]))[1];
    expect(line).toContain(',"a\nb",');
    expect(line.endsWith(',否')).toBe(true);
  });

  it('offers an ASCII and a Chinese file name', () => {
    expect(beijingTime('2026-03-10T20:30:00.000Z')).toBe('2026-03-11 04:30:00');
    expect(csvDisposition(Date.parse('2026-03-10T20:30:00Z'))).toBe(
      `attachment; filename="risk-list-20260311.csv"; filename*=UTF-8''${encodeURIComponent('风险清单-20260311.csv')}`,
    );
  });
});
