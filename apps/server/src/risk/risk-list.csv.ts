import type { RiskListItem } from './risk-views.js';

/**
 * The risk list 风险清单 as CSV (RFC 4180) for Excel and WPS: a UTF-8 byte-order mark (without it both
 * open UTF-8 as the local ANSI code page and garble the Chinese text), CRLF line ends, and every field
 * that holds a comma, quote or line break quoted with its quotes doubled. Text cells that a spreadsheet
 * would run as a formula (= + - @ …) are prefixed with an apostrophe (OWASP "CSV injection").
 */
const BOM = '\uFEFF';
const CRLF = '\r\n';

const HEADER = [
  '资产编号',
  '资产名称',
  '领域',
  '类型',
  '区县',
  '权属单位',
  '风险等级',
  '风险值R',
  '可能性L',
  '严重性S',
  '主要原因',
  '等级起始时间(北京时间)',
  '数据已核实',
];

const FORMULA_START = /^[=+\-@\t\r]/;

function text(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** `2026-03-10 12:00:00` in China Standard Time (UTC+8, no DST): what a reader of the list expects. */
export function beijingTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

function line(r: RiskListItem): string {
  return [
    text(r.assetId),
    text(r.name),
    text(r.domainLabel),
    text(r.kind),
    text(r.district),
    text(r.ownerUnitName),
    text(r.levelLabel),
    String(r.score),
    String(r.likelihood),
    String(r.severity),
    text(r.reasons.join('\n')),
    beijingTime(r.since),
    r.verified ? '是' : '否',
  ].join(',');
}

export function riskListCsv(items: readonly RiskListItem[]): string {
  return BOM + [HEADER.join(','), ...items.map(line)].join(CRLF) + CRLF;
}

/** `attachment` with an ASCII fallback name and the Chinese one (RFC 6266 / RFC 5987 `filename*`). */
export function csvDisposition(now: number): string {
  const day = beijingTime(new Date(now).toISOString()).slice(0, 10).replaceAll('-', '');
  return `attachment; filename="risk-list-${day}.csv"; filename*=UTF-8''${encodeURIComponent(`风险清单-${day}.csv`)}`;
}
