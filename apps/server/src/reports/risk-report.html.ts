import { LEVEL_COLOURS, LEVEL_LABELS_ZH } from '#domain';
import { beijingTime } from '../risk/risk-list.csv.js';
import { domainLabel } from '../risk/risk-views.js';
import type { RiskListItem } from '../risk/risk-views.js';
import type { CoverageLine } from './coverage.js';
import { REPORT_CSS } from './report-style.js';
import type { LevelCounts, RiskReport } from './risk-report.js';

/** Renders the report as one self-contained, printable zh-CN HTML page (English subtitles). */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const esc = (value: unknown): string => String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
const pct = (ratio: number | null): string => (ratio === null ? '—' : `${(ratio * 100).toFixed(1)} %`);
const heading = (zh: string, en: string): string => `<h2>${zh}<small>${en}</small></h2>`;

const levelBadge = (item: RiskListItem): string =>
  `<span class="level ${LEVEL_COLOURS[item.level]}">${esc(item.levelLabel)}</span>` +
  (item.verified ? '' : ' <span class="unverified">（未核实）</span>');

function countsTable(counts: readonly LevelCounts[], totals: LevelCounts): string {
  const row = (c: LevelCounts, tag: 'td' | 'th'): string =>
    `<tr><${tag}>${esc(c.domainLabel)}</${tag}>${[c.major, c.larger, c.general, c.low, c.total, c.unverified]
      .map((n) => `<td class="num">${n}</td>`)
      .join('')}</tr>`;
  const levels = (['major', 'larger', 'general', 'low'] as const)
    .map((l) => `<th class="num"><span class="level ${LEVEL_COLOURS[l]}">${LEVEL_LABELS_ZH[l]}</span></th>`)
    .join('');
  return `<table><thead><tr><th>领域 Domain</th>${levels}<th class="num">合计 Total</th><th class="num">未核实 Unverified</th></tr></thead>
<tbody>${counts.map((c) => row(c, 'td')).join('')}${row(totals, 'th')}</tbody></table>`;
}

function riskTable(items: readonly RiskListItem[]): string {
  const rows = items.map(
    (
      r,
      i,
    ) => `<tr><td class="num">${i + 1}</td><td>${esc(r.assetId)}<br>${esc(r.name)}</td><td>${esc(r.domainLabel)}<br>${esc(r.kind)}</td>
<td>${esc(r.district)}</td><td>${esc(r.ownerUnitName)}</td><td>${levelBadge(r)}</td>
<td class="num">${r.score}<br>L${r.likelihood}×S${r.severity}</td>
<td><ul class="reasons">${r.reasons.map((x) => `<li>${esc(x)}</li>`).join('')}</ul></td><td>${esc(beijingTime(r.since))}</td></tr>`,
  );
  return `<table><thead><tr><th class="num">#</th><th>资产 Asset</th><th>领域/类型 Domain</th><th>区县 District</th>
<th>权属单位 Owner</th><th>等级 Level</th><th class="num">R (L×S)</th><th>主要原因 Reasons</th><th>起始 Since</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>`;
}

function coverageRow(c: CoverageLine, target: number): string {
  const verdict =
    c.meetsTarget === null
      ? '—'
      : c.meetsTarget
        ? '<span class="ok">达标 ✓</span>'
        : '<span class="fail">未达标 ✗</span>';
  const name = c.domain === 'all' ? '<th>全部管网 All</th>' : `<td>${esc(domainLabel(c.domain))}</td>`;
  return `<tr>${name}<td class="num">${c.totalKm.toFixed(3)}</td><td class="num">${c.monitoredKm.toFixed(3)}</td>
<td class="num">${pct(c.ratio)}</td><td class="num">${pct(target)}</td><td>${verdict}</td></tr>`;
}

function coverageSection(report: RiskReport): string {
  const { coverage } = report;
  const rows = [...coverage.domains, coverage.overall].map((c) => coverageRow(c, coverage.target)).join('');
  return `${heading('三、监测覆盖率', 'Monitoring coverage (市政管网管线智能化监测管理率)')}
<table><thead><tr><th>领域 Domain</th><th class="num">管线总长 km</th><th class="num">已监测 km</th><th class="num">覆盖率</th>
<th class="num">目标 Target</th><th>结论</th></tr></thead><tbody>${rows}</tbody></table>
<p class="note">口径（ASSUMPTION，DOMAIN.md §c.3）：覆盖率 = 已监测管线长度 ÷ 管线总长度；管线指类型为 pipeline_segment 且有长度的资产。
某管段上或其下属窨井/检查井中至少有一台启用设备在离线窗口内（k = 3 个上报周期，DOMAIN.md §a.7）上报且未断开，即视为"已监测"。
Coverage = monitored pipeline length ÷ total pipeline length; a segment is monitored when at least one enabled device on it or in its
manholes reported within its offline window. Target ≥ 15 % per the action plan.</p>`;
}

function devicesSection(report: RiskReport): string {
  const d = report.devices;
  return `${heading('四、设备在线率', 'Device online rate')}
<p>启用设备 ${d.enabled} 台，在线 ${d.online} 台，在线率 <strong>${pct(d.rate)}</strong>。
<span class="note">在线 = 离线窗口内有上报且未断开（DOMAIN.md §a.7）。</span></p>`;
}

function scopeText(report: RiskReport): string {
  const parts = [
    `区县 District：${esc(report.scope.district ?? '全部')}`,
    `领域 Domain：${esc(report.scope.domain ? domainLabel(report.scope.domain) : '全部')}`,
  ];
  if (report.scope.ownerUnitId) parts.push(`权属单位 Owner unit：${esc(report.scope.ownerUnitId)}`);
  return parts.join(' · ');
}

export function renderRiskReportHtml(report: RiskReport): string {
  const generated = `${beijingTime(report.generatedAt)}（北京时间）`;
  const truncated =
    report.listTotal > report.list.length
      ? `<p class="note">仅列出前 ${report.list.length} 条，共 ${report.listTotal} 条；完整清单请导出 CSV（/api/v1/risk-list?format=csv）。</p>`
      : '';
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>城市基础设施风险评估报告</title><style>${REPORT_CSS}</style></head>
<body><header><h1>城市基础设施风险评估报告<small>Urban infrastructure risk assessment report</small></h1>
<p class="meta">${scopeText(report)} · 生成时间 Generated：${esc(generated)}</p></header>
${heading('一、风险等级统计', 'Assets per risk level and domain')}${countsTable(report.counts, report.totals)}
${heading('二、重点风险', 'Top risks and their reasons')}${riskTable(report.topRisks)}
${coverageSection(report)}
${devicesSection(report)}
${heading('五、风险清单', 'Risk list')}${riskTable(report.list)}${truncated}
<footer>风险值 R = 可能性 L × 严重性 S（DOMAIN.md §b.1 方法 A），并按监测数据动态调整（§b.2）；升级即时生效，降级需 7 天观察期。
生成时间 Generated ${esc(generated)} · 规则版本 Ruleset ${esc(report.rulesetVersion)} · Lifeline</footer>
</body></html>`;
}
