/**
 * Delay before the next reachability probe after `failures` consecutive failures: doubling from `minMs`,
 * capped at `maxMs` (1 s → 2 s → 4 s → 5 s by default), so an outage costs InfluxDB one ping every few
 * seconds instead of a write per batch.
 */
export function probeDelay(failures: number, minMs: number, maxMs: number): number {
  return Math.min(maxMs, minMs * 2 ** Math.max(0, failures - 1));
}

export interface StoreHealthOptions {
  ping: () => Promise<boolean>;
  minMs: number;
  maxMs: number;
  /** The store answered a probe again; the writer resumes sending and replays the spool. */
  onUp: () => void;
  /** The store just became unavailable (called once per outage). */
  onDown: (reason: string) => void;
}

/**
 * Whether InfluxDB is taking writes, and the probe loop that notices when it comes back. One probe at a
 * time: a new failure while a probe is scheduled or running does not start another.
 */
export class StoreHealth {
  private up = true;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private probing = false;
  private stopped = false;

  constructor(private readonly options: StoreHealthOptions) {}

  get available(): boolean {
    return this.up;
  }

  /** A write failed as unavailable. Further failures during the same outage only keep the loop going. */
  failed(reason: string): void {
    if (this.up) {
      this.up = false;
      this.failures++;
      this.options.onDown(reason);
    }
    this.schedule();
  }

  /** The store answered a write (even with a rejection): the backoff starts over next outage. */
  succeeded(): void {
    this.failures = 0;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.stopped || this.timer !== undefined || this.probing) return;
    const delay = probeDelay(this.failures, this.options.minMs, this.options.maxMs);
    this.timer = setTimeout(() => void this.probe(), delay);
    // The spool already holds everything unacknowledged by the store: a pending probe must not keep
    // the process alive on its own.
    this.timer.unref();
  }

  private async probe(): Promise<void> {
    this.timer = undefined;
    this.probing = true;
    const ok = await this.options.ping().catch(() => false);
    this.probing = false;
    if (this.stopped || this.up) return;
    if (ok) {
      this.up = true;
      this.options.onUp();
    } else {
      this.failures++;
      this.schedule();
    }
  }
}
