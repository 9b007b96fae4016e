import {
  LEVEL_LABELS_ZH,
  type AppliedFactor,
  type AppliedOverride,
  type JsonValue,
  type StaticFactor,
} from '#domain';
import type { RiskExplanation } from './risk-explanation.js';

/**
 * The "top reasons" column of the risk list 风险清单 and of `risk.level_changed`: the overrides first
 * (they decide the level outright), then the dynamic adjustments, then the largest static contributions,
 * each with the reading, report or census value behind it. zh-CN for the list's readers; metric, device
 * and rule ids stay as they are so they can be searched.
 */

const STATIC_ZH: Readonly<Record<string, string>> = {
  'likelihood.material': '管材',
  'likelihood.age': '管龄/设计年限',
  'likelihood.pressure_class': '压力级制',
  'likelihood.leak_repairs': '近 5 年泄漏维修',
  'likelihood.corrosion': '腐蚀环境',
  'likelihood.third_party_construction': '周边第三方施工',
  'likelihood.subsidence': '沉降/塌陷',
  'likelihood.condition_class': '桥梁技术状况等级',
  'severity.adjacent_spaces': '5 m 内相邻密闭空间',
  'severity.population_density': '人口密度',
  'severity.crowded_places': '100 m 内人员密集场所',
  'severity.diameter_pressure': '管径×压力',
  'severity.households_served': '影响户数',
  'severity.traffic': '主干道/交通量',
  'severity.tunnel_cabins': '管廊入廊管线',
  'severity.span': '桥梁跨径',
};

const DYNAMIC_ZH: Readonly<Record<string, string>> = {
  'alarm.red': '已确认红色报警未关闭',
  'alarm.orange': '已确认橙色报警未关闭',
  'alarm.yellow_count': '30 天内已确认黄色报警 ≥ 3 次',
  trend: '持续不利趋势',
  'external.excavation': '10 m 内第三方施工',
  'external.subsidence': '地面沉降/塌陷报告',
  blind: '监测盲区（≥ 50 % 传感器离线超 24 h）',
  clean: '长期无报警且巡检合格',
  'season.flood': '汛期',
  'season.heating': '供暖期',
  event: '周边重大活动',
};

const OVERRIDE_ZH: Readonly<Record<string, string>> = {
  'override.red_alarm': '红色报警未关闭',
  'override.ch4_confined_space': '相邻密闭空间甲烷 ≥ 50 %LEL',
  'override.bridge_design_exceeded': '桥梁监测值达到设计值',
};

const dim = (d: 'likelihood' | 'severity'): string => (d === 'likelihood' ? 'L' : 'S');
const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));

function inputText(v: JsonValue): string {
  if (v === null) return '未填报';
  if (Array.isArray(v)) return v.length === 0 ? '无' : v.map(inputText).join('、');
  if (typeof v === 'object')
    return Object.values(v as Record<string, JsonValue>)
      .map(inputText)
      .join('/');
  return String(v);
}

/** "GAS-DEV-1 ch4_lel = 52（阈值 50，规则 gas.ch4_lel）" for an alarm source; the raw inputs otherwise. */
function sourceText(source: JsonValue): string {
  const s = (source ?? {}) as Record<string, JsonValue>;
  if (typeof s === 'object' && !Array.isArray(s) && 'alarmId' in s) {
    return `${inputText(s.deviceId)} ${inputText(s.metric)} = ${inputText(s.value)}（阈值 ${inputText(s.threshold)}，规则 ${inputText(s.ruleId)}）`;
  }
  if (Array.isArray(source)) return source.map(sourceText).join('；');
  return inputText(source);
}

const overrideText = (o: AppliedOverride): string =>
  `${OVERRIDE_ZH[o.key] ?? o.key} → 至少${LEVEL_LABELS_ZH[o.floor]}：${sourceText(o.source)}`;

const factorText = (f: AppliedFactor): string =>
  `${DYNAMIC_ZH[f.key] ?? f.key}（${dim(f.dimension)} ${signed(f.delta)}）：${sourceText(f.source)}`;

const staticText = (f: StaticFactor): string =>
  `${STATIC_ZH[f.key] ?? f.label} ${inputText(f.input)}（${dim(f.dimension)} ${signed(f.contribution)}）`;

/** Up to `limit` reasons, most decisive first. */
export function topReasons(explanation: RiskExplanation, verified: boolean, limit = 3): string[] {
  const out: string[] = [];
  if (!verified) out.push('数据未核实：资产传感器均无新数据，保持原等级');
  const pending = explanation.transition.pendingDowngrade;
  if (pending) out.push(`降级观察期：计算等级为${LEVEL_LABELS_ZH[pending.level]}，待观察期满且工单关闭`);
  out.push(...explanation.dynamic.overrides.map(overrideText));
  out.push(...[...explanation.dynamic.factors].sort((a, b) => b.delta - a.delta).map(factorText));
  const statics = explanation.static.factors
    .filter((f) => f.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution);
  out.push(...statics.map(staticText));
  return out.slice(0, limit);
}
