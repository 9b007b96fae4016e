import { Injectable, Logger } from '@nestjs/common';

/** A readiness check: resolves when the dependency is usable, rejects (or times out) when it is not. */
export type ReadinessCheck = () => Promise<void>;

export interface CheckResult {
  name: string;
  ok: boolean;
  /** Milliseconds the check took (or the timeout). */
  ms: number;
}

/** A check slower than this counts as failing: a load balancer probing /health/ready must get an answer. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * Named readiness checks that modules register at init (PostgreSQL here; the broker and InfluxDB in
 * their own modules). `/health/ready` passes only when every one of them does (CONTRACT.md §3).
 */
@Injectable()
export class HealthRegistry {
  private readonly logger = new Logger(HealthRegistry.name);
  private readonly checks = new Map<string, ReadinessCheck>();

  /** Adds a check; a second check under the same name is a programming error. */
  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`readiness check "${name}" is already registered`);
    this.checks.set(name, check);
  }

  names(): string[] {
    return [...this.checks.keys()];
  }

  /** Runs every check concurrently, each bounded by a timeout. */
  async evaluate(): Promise<CheckResult[]> {
    return Promise.all([...this.checks].map(([name, check]) => this.run(name, check)));
  }

  private async run(name: string, check: ReadinessCheck): Promise<CheckResult> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    try {
      await Promise.race([check(), timeout]);
      return { name, ok: true, ms: Math.round(performance.now() - started) };
    } catch (error) {
      // The reason goes to the log, not to the unauthenticated probe's answer.
      this.logger.warn({ msg: 'readiness check failed', check: name, err: String(error) });
      return { name, ok: false, ms: Math.round(performance.now() - started) };
    } finally {
      clearTimeout(timer);
    }
  }
}
