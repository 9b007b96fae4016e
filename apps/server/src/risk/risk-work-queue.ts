import type { RiskTrigger } from './risk-metrics.js';

export interface RiskWork {
  /** Re-assess these assets (event-driven). */
  assets(ids: string[], trigger: RiskTrigger): Promise<void>;
  /** Re-assess every asset (boot, tick, reconnect). */
  sweep(trigger: RiskTrigger): Promise<void>;
  onError(err: unknown): void;
}

/** Coalesces bursts: the two events of an auto-dispatched alarm become one re-assessment. */
const COALESCE_MS = 20;
const MAX_RETRY_MS = 30_000;

/**
 * One worker per process: asset batches and sweeps run one at a time, never concurrently with each
 * other, so a process never contends with itself for its own row locks. Failed batches are retried with
 * backoff (and the periodic sweep catches anything still missed).
 */
export class RiskWorkQueue {
  private readonly pending = new Map<RiskTrigger, Set<string>>();
  private sweepTrigger: RiskTrigger | null = null;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private retryMs = 1000;
  private stopped = false;
  private wake: (() => void) | null = null;

  constructor(private readonly work: RiskWork) {}

  add(ids: readonly string[], trigger: RiskTrigger): void {
    if (ids.length === 0) return;
    const set = this.pending.get(trigger) ?? new Set<string>();
    for (const id of ids) set.add(id);
    this.pending.set(trigger, set);
    this.schedule(COALESCE_MS);
  }

  requestSweep(trigger: RiskTrigger): void {
    this.sweepTrigger ??= trigger;
    this.schedule(0);
  }

  /** Resolves once nothing is queued or running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running || this.timer) {
      if (this.running) await this.running;
      else await new Promise((resolve) => setTimeout(resolve, COALESCE_MS));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.timer || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.drain().finally(() => {
        this.running = null;
        if (this.hasWork()) this.schedule(0);
      });
    }, delayMs);
  }

  private hasWork(): boolean {
    return this.sweepTrigger !== null || this.pending.size > 0;
  }

  private async drain(): Promise<void> {
    while (!this.stopped && this.hasWork()) {
      try {
        await this.step();
        this.retryMs = 1000;
      } catch (err) {
        this.work.onError(err);
        await this.pause(this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
      }
    }
  }

  /** A backoff that `stop()` cuts short. */
  private async pause(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = null;
  }

  private async step(): Promise<void> {
    if (this.sweepTrigger !== null) {
      const trigger = this.sweepTrigger;
      await this.work.sweep(trigger);
      this.sweepTrigger = null;
      return;
    }
    const [trigger, ids] = this.pending.entries().next().value as [RiskTrigger, Set<string>];
    this.pending.delete(trigger);
    try {
      await this.work.assets([...ids], trigger);
    } catch (err) {
      this.add([...ids], trigger);
      throw err;
    }
  }
}
