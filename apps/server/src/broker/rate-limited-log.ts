import type { Logger } from '@nestjs/common';

/**
 * At most one warning per key per interval, with the number suppressed since the last one: a device
 * retrying a refused publish every second must not flood the log (ARCHITECTURE.md: refusals are logged),
 * yet the first occurrence and the volume stay visible.
 */
export class RateLimitedLog {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs = 10_000,
    private readonly maxKeys = 10_000,
  ) {}

  warn(key: string, fields: Record<string, unknown>, now = Date.now()): void {
    const seen = this.last.get(key);
    if (seen && now - seen.at < this.intervalMs) {
      seen.suppressed++;
      return;
    }
    // Keys are device ids and reasons; forgetting them all at the cap only costs a few extra lines.
    if (!seen && this.last.size >= this.maxKeys) this.last.clear();
    this.logger.warn({ ...fields, suppressedSinceLast: seen?.suppressed ?? 0 });
    this.last.set(key, { at: now, suppressed: 0 });
  }
}
