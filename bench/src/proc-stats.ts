import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU and memory of a process from Linux procfs (proc(5)): `/proc/<pid>/stat` fields 14–15 (utime,
 * stime, in clock ticks, all threads included — libuv's pool and V8's GC threads count) and
 * `/proc/<pid>/status` `VmRSS` (kB).
 */

export interface ProcSample {
  /** Wall clock of the sample, ms (performance.now() or Date.now(), consistently). */
  t: number;
  /** utime + stime, clock ticks. */
  cpuTicks: number;
  /** Resident set, bytes. */
  rssBytes: number;
}

/**
 * utime + stime from the text of `/proc/<pid>/stat`. Field 2 (comm) is in parentheses and may itself hold
 * spaces and parentheses, so fields are counted from the *last* `)`: after it come field 3 (state)
 * onwards, which puts utime and stime at offsets 11 and 12.
 */
export function parseStatCpuTicks(stat: string): number {
  const close = stat.lastIndexOf(')');
  if (close < 0) throw new Error('not a /proc/<pid>/stat line: no ")" after the command name');
  const fields = stat
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime))
    throw new Error('not a /proc/<pid>/stat line: utime/stime missing');
  return utime + stime;
}

/** `VmRSS` of `/proc/<pid>/status`, in bytes (the file states kB, which are KiB). NaN when absent (a zombie). */
export function parseStatusRssBytes(status: string): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Average CPU use between two samples, in millicores (1000 = one core busy for the whole interval). */
export function millicores(a: ProcSample, b: ProcSample, ticksPerSecond: number): number {
  const seconds = (b.t - a.t) / 1000;
  if (!(seconds > 0)) return NaN;
  return (((b.cpuTicks - a.cpuTicks) / ticksPerSecond) * 1000) / seconds;
}

/** CPU millicores per 1,000 readings/s: the cost of one unit of sustained load. */
export function millicoresPer1k(mcores: number, readingsPerSecond: number): number {
  return readingsPerSecond > 0 ? mcores / (readingsPerSecond / 1000) : NaN;
}

/** CPU microseconds spent per reading, from millicores at a given rate (1 mcore at 1 reading/s = 1 ms). */
export function cpuMicrosPerReading(mcores: number, readingsPerSecond: number): number {
  return readingsPerSecond > 0 ? (mcores * 1000) / readingsPerSecond : NaN;
}

/** Reads one sample, or null when the process is gone. */
export function sampleProcess(pid: number, t: number): ProcSample | null {
  try {
    const cpuTicks = parseStatCpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    const rssBytes = parseStatusRssBytes(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { t, cpuTicks, rssBytes };
  } catch {
    return null;
  }
}

let ticks: number | undefined;

/** `sysconf(_SC_CLK_TCK)` via getconf; 100 on every mainstream Linux, used when getconf is missing. */
export function clockTicksPerSecond(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

/**
 * Busy and total CPU time of the whole machine from the first line of `/proc/stat` (`cpu user nice system
 * idle iowait irq softirq steal …`, clock ticks summed over all cores): busy = total − idle − iowait.
 * Shows how much of the machine other work took during a window (the machine is shared).
 */
export function parseMachineCpu(procStat: string): { busy: number; total: number } {
  const line = procStat.split('\n', 1)[0] ?? '';
  const parts = line.trim().split(/\s+/);
  if (parts[0] !== 'cpu') throw new Error('not /proc/stat: first line is not the "cpu" total');
  const v = parts.slice(1, 9).map(Number);
  const total = v.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  return { busy: total - (v[3] ?? 0) - (v[4] ?? 0), total };
}

/** A machine-wide sample in the ProcSample shape (cpuTicks = busy ticks over all cores, no RSS). */
export function sampleMachine(t: number): ProcSample | null {
  try {
    return { t, cpuTicks: parseMachineCpu(readFileSync('/proc/stat', 'utf8')).busy, rssBytes: NaN };
  } catch {
    return null;
  }
}
