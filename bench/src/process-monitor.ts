import { sampleMachine, sampleProcess, type ProcSample } from './proc-stats.js';

/** Series name of the whole machine's busy CPU (all cores). */
export const MACHINE = 'machine';

/**
 * Samples CPU ticks and RSS of named processes once a second (epoch ms timestamps, the generator's clock).
 * A pid is looked up at every sample, so InfluxDB restarted during workload S keeps being followed.
 */
export class ProcessMonitor {
  private readonly watched = new Map<string, () => number | null>();
  private readonly series = new Map<string, ProcSample[]>();
  private readonly lastPid = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  watch(name: string, pid: () => number | null): void {
    this.watched.set(name, pid);
    this.series.set(name, []);
  }

  unwatch(name: string): void {
    this.watched.delete(name);
  }

  samples(name: string): ProcSample[] {
    return this.series.get(name) ?? [];
  }

  /** One sample of every process now (also called at window edges for exact brackets). */
  sampleNow(): void {
    const t = Date.now();
    const machine = sampleMachine(t);
    if (machine) {
      if (!this.series.has(MACHINE)) this.series.set(MACHINE, []);
      this.series.get(MACHINE)?.push(machine);
    }
    for (const [name, pidOf] of this.watched) {
      const pid = pidOf();
      if (pid === null) continue;
      // A new process (InfluxDB restarted) starts its CPU counters at zero: start a new series.
      if (this.lastPid.get(name) !== pid) this.series.set(name, []);
      this.lastPid.set(name, pid);
      const s = sampleProcess(pid, t);
      if (s) this.series.get(name)?.push(s);
    }
  }

  start(intervalMs = 1000): void {
    this.stop();
    this.timer = setInterval(() => this.sampleNow(), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  latestRssMiB(name: string): number {
    const s = this.samples(name);
    return s.length > 0 ? s[s.length - 1].rssBytes / 2 ** 20 : NaN;
  }
}
