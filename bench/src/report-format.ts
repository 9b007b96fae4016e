import { MACHINE } from './process-monitor.js';
import type { MeasuredWindow, SteadyResult, VerifiedLoss } from './results.js';

/** Markdown building blocks of the report: tables, number formats, loss and counter sentences. */

/** Marks a per-1k CPU figure taken while the service fell behind (see BEHIND_NOTE). */
export const BEHIND = '†';
export const BEHIND_NOTE =
  '† The service fell behind in this window (acks < 95 % of sends): the CPU per 1k/s divides by the acked rate, ' +
  'while the service also worked on readings acknowledged later, so it overstates the steady-state cost.';

/** The generator did not keep its schedule (short of CPU itself): the offered load was below the target. */
export function generatorShort(w: { targetRate: number; traffic: { sentRate: number } }): boolean {
  return w.traffic.sentRate < 0.97 * w.targetRate;
}

/** Acks short of sends: the window is not a steady state. */
export function fellBehind(t: { sentRate: number; ackedRate: number }): boolean {
  return t.ackedRate < 0.95 * t.sentRate;
}

/** `mcores (per 1k/s)`, marked when the window was not steady. */
export function cpuCell(
  p: { millicores: number; millicoresPer1k: number } | null | undefined,
  behind: boolean,
): string {
  return `${num(p?.millicores, 0)} (${num(p?.millicoresPer1k, 0)}${behind ? BEHIND : ''})`;
}

export function connectLines(c: SteadyResult['connect']): string[] {
  return [
    `${int(c.connected)} of ${int(c.sensors)} sensors connected in ${num(c.seconds, 1)} s${c.failed ? ` (**${c.failed} failed**: ${c.errors.slice(0, 3).join('; ')})` : ''}; ` +
      `RSS ${num(c.rssIdleMiB, 0)} MiB idle → ${num(c.rssConnectedMiB, 0)} MiB connected = **${num(c.rssPer10kMiB, 0)} MiB per 10k sensors**` +
      (c.connectedIdleMillicores === undefined
        ? '.'
        : `; CPU with all connected and no traffic: ${num(c.connectedIdleMillicores, 0)} millicores.`),
  ];
}

export function windowTable(windows: readonly MeasuredWindow[], service: string): string[] {
  const rows = windows.map((w) => {
    const t = w.traffic;
    const p = w.processes[service];
    const g = w.processes.generator;
    const i = w.processes.influxd;
    const m = w.processes[MACHINE];
    return [
      w.label,
      `${num(t.seconds, 0)} s`,
      int(t.sentRate) + (generatorShort(w) ? '‡' : ''),
      int(t.ackedRate),
      `${ms(t.latency.p50)} / ${ms(t.latency.p99)} / ${ms(t.latency.max)}`,
      cpuCell(p, fellBehind(t)),
      num(p?.rssMaxMiB, 0),
      `${num(g?.millicores, 0)} (${num(g?.millicoresPer1k, 0)})`,
      num(i?.millicores, 0),
      num(otherWork(m?.millicores, [p, g, i]), 0),
    ];
  });
  const note = windows.some((w) => fellBehind(w.traffic)) ? ['', BEHIND_NOTE] : [];
  for (const w of windows.filter(generatorShort)) {
    note.push(
      '',
      `‡ ${w.label}: the generator sent ${int(w.traffic.sentRate)}/s of the ${int(w.targetRate)}/s scheduled (worst lag ` +
        `${ms(w.traffic.lagMaxMs)}): it was short of CPU too, so the service saw less than the workload.`,
    );
  }
  return [
    ...table(
      [
        'window',
        'length',
        'sent/s',
        'acked/s',
        'PUBACK p50 / p99 / max',
        `${service} mcores (per 1k/s)`,
        `${service} RSS MiB`,
        'generator mcores (per 1k/s)',
        'influxd mcores',
        'other work mcores',
      ],
      rows,
    ),
    ...note,
  ];
}

/**
 * CPU the machine spent on anything but the measured processes (other engineers' builds and tests on the
 * shared machine, PostgreSQL, the kernel): the noise indicator of a window.
 */
export function otherWork(
  machine: number | undefined,
  ours: ReadonlyArray<{ millicores: number } | null | undefined>,
): number {
  if (machine === undefined || !Number.isFinite(machine)) return NaN;
  return Math.max(
    0,
    machine - ours.reduce((sum, p) => sum + (p && Number.isFinite(p.millicores) ? p.millicores : 0), 0),
  );
}

export function lossText(l: VerifiedLoss | null | undefined): string {
  if (!l) return 'not checked';
  const base = `${int(l.stored)} of ${int(l.sent)} readings stored across ${int(l.devices)} devices`;
  if (l.zeroLoss) return `**yes** — ${base}${l.duplicates ? `, ${l.duplicates} duplicate seqs` : ''}`;
  const ex = l.examples
    .slice(0, 3)
    .map((e) => `${e.deviceId} ${e.stored}/${e.sent}`)
    .join(', ');
  return `**no** — ${int(l.missing)} missing on ${int(l.devicesShort)} devices (${base}; e.g. ${ex})`;
}

export function countersText(c: NonNullable<SteadyResult['counters']>): string {
  const reasons = Object.entries(c.rejectionsByReason)
    .map(([k, v]) => `${k} ${int(v)}`)
    .join(', ');
  return (
    `accepted ${int(c.accepted)}, rejected ${int(c.rejected)}${reasons ? ` (${reasons})` : ''}, duplicates ${int(c.duplicate)}; ` +
    `lines written ${int(c.linesWritten)}, spooled ${int(c.linesSpooled)}, replayed ${int(c.linesReplayed)}, refused ${int(c.linesRejected)}`
  );
}

export function table(head: string[], rows: string[][]): string[] {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  return [
    `| ${head.map(esc).join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ];
}

export function int(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? 'n/a' : Math.round(n).toLocaleString('en-US');
}

export function num(n: number | null | undefined, digits: number): string {
  return n === null || n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(digits);
}

export function ms(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return 'n/a';
  return n >= 1000 ? `${(n / 1000).toFixed(2)} s` : n >= 10 ? `${Math.round(n)} ms` : `${n.toFixed(1)} ms`;
}

export function mark(ok: boolean): string {
  return ok ? 'yes' : '**no**';
}
