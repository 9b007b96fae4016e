import type { RiskLevel } from '#contracts';
import { langStore, useT } from '../i18n/i18n';
import { useStore } from '../ui/store';
import { LEVEL_COLOURS } from '../ui/levels';
import { linearScale, niceTicks, timeTicks, valueExtent } from './chart-scale';
import type { ThresholdLine } from './thresholds';

/** `GET /assets/{id}/telemetry` (server telemetry.dto.ts). */
export interface TelemetryView {
  metric: string;
  unit: string | null;
  from: string;
  to: string;
  every: string;
  devices: { deviceId: string; points: { at: string; mean: number; min: number; max: number }[] }[];
}

export interface AlarmPeriod {
  from: number;
  /** null while the alarm is open. */
  to: number | null;
  level: RiskLevel;
}

const W = 900;
const H = 280;
const M = { top: 12, right: 96, bottom: 28, left: 56 };
/** Series this short also get a dot per bucket, so a single reading is visible. */
const SPARSE_POINTS = 60;
/** Neutral series colours: the level colours are reserved for thresholds and alarm periods. */
const SERIES = ['#e6edf3', '#7fd1ff', '#c3a6ff', '#8ef0c0'];

/**
 * An SVG trend: per device a min–max band and the mean line, threshold lines in their level's colour,
 * alarm periods shaded. Scales with its container (viewBox), readable on a wall screen and a laptop.
 */
export function TrendChart(props: {
  view: TelemetryView;
  lines: readonly ThresholdLine[];
  periods: readonly AlarmPeriod[];
}) {
  const t = useT();
  const locale = useStore(langStore) === 'en' ? 'en-GB' : 'zh-CN';
  const { view, lines } = props;
  const t0 = Date.parse(view.from);
  const t1 = Date.parse(view.to);
  const points = view.devices.flatMap((d) => d.points);
  if (points.length === 0) return <p class="muted">{t('trend.noData')}</p>;
  const [lo, hi] = valueExtent(
    points.flatMap((p) => [p.min, p.max]),
    lines.map((l) => l.value),
  );
  const x = linearScale(t0, t1, M.left, W - M.right);
  const y = linearScale(lo, hi, H - M.bottom, M.top);
  const unit = view.unit && view.unit !== 'flag' ? ` ${view.unit}` : '';
  const ticks = timeTicks(t0, t1);
  const multiDay = t1 - t0 > 2 * 86_400_000;
  const tickLabel = (v: number) =>
    new Date(v).toLocaleString(
      locale,
      multiDay ? { month: '2-digit', day: '2-digit' } : { hour: '2-digit', minute: '2-digit', hour12: false },
    );
  return (
    <svg
      class="trend-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={t('trend.chart', { metric: view.metric })}
      data-testid="trend-chart"
    >
      {props.periods.map((p, i) => {
        const from = Math.max(p.from, t0);
        const to = Math.min(p.to ?? t1, t1);
        if (to <= from) return null;
        return (
          <rect
            key={i}
            class="alarm-period"
            x={x(from)}
            y={M.top}
            width={x(to) - x(from)}
            height={H - M.top - M.bottom}
            fill={LEVEL_COLOURS[p.level]}
          >
            <title>{t('trend.alarmPeriod')}</title>
          </rect>
        );
      })}
      {niceTicks(lo, hi, 5).map((v) => (
        <g key={v} class="grid">
          <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
          <text x={M.left - 6} y={y(v) + 4} text-anchor="end">
            {v}
          </text>
        </g>
      ))}
      {ticks.map((v) => (
        <text key={v} class="axis" x={x(v)} y={H - 8} text-anchor="middle">
          {tickLabel(v)}
        </text>
      ))}
      {view.devices.map((d, i) => {
        const colour = SERIES[i % SERIES.length];
        const at = (p: { at: string }) => x(Date.parse(p.at));
        const band = [
          ...d.points.map((p) => `${at(p)},${y(p.max)}`),
          ...[...d.points].reverse().map((p) => `${at(p)},${y(p.min)}`),
        ].join(' ');
        return (
          <g key={d.deviceId}>
            <polygon points={band} fill={colour} opacity={0.15} />
            <polyline
              points={d.points.map((p) => `${at(p)},${y(p.mean)}`).join(' ')}
              fill="none"
              stroke={colour}
              stroke-width={2}
            />
            {d.points.length <= SPARSE_POINTS &&
              d.points.map((p) => <circle key={p.at} cx={at(p)} cy={y(p.mean)} r={3.5} fill={colour} />)}
          </g>
        );
      })}
      {lines.map((l) => (
        <g key={`${l.level}${l.value}`} class="threshold">
          <line
            x1={M.left}
            x2={W - M.right}
            y1={y(l.value)}
            y2={y(l.value)}
            stroke={LEVEL_COLOURS[l.level]}
            stroke-dasharray="8 5"
            stroke-width={2}
          />
          <text x={W - M.right + 6} y={y(l.value) + 4} fill={LEVEL_COLOURS[l.level]}>
            {`${l.value}${unit}`}
            <title>
              {t('trend.threshold', { level: t(`alarmLevel.${l.level}`), value: `${l.value}${unit}` })}
            </title>
          </text>
        </g>
      ))}
    </svg>
  );
}
