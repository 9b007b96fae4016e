/**
 * A read position in `platform_events` that tolerates late commits. Ids come from a sequence at insert
 * time, so a transaction that commits after a later one makes its event appear *behind* a cursor that
 * already moved past it. Reads therefore restart from where the cursor was `lagMs` ago, and the events
 * seen since then are skipped by id: an event that shows up late is still handled exactly once.
 */
export class EventCursor {
  private latest: number;
  private readonly checkpoints: { id: number; at: number }[] = [];
  private readonly seen = new Set<number>();

  constructor(
    start: string,
    private readonly lagMs = 2000,
  ) {
    this.latest = Number(start);
  }

  /** Where the next read starts (exclusive). */
  from(now: number): string {
    const old = this.checkpoints.filter((c) => c.at <= now - this.lagMs);
    const low = old.length > 0 ? old[old.length - 1].id : (this.checkpoints[0]?.id ?? this.latest);
    return String(Math.min(low, this.latest));
  }

  /** True the first time an id is offered. */
  firstTime(id: string): boolean {
    const n = Number(id);
    if (this.seen.has(n)) return false;
    this.seen.add(n);
    if (n > this.latest) this.latest = n;
    return true;
  }

  /** Records the position after a read and forgets what lies behind the lag window. */
  advance(now: number): void {
    this.checkpoints.push({ id: this.latest, at: now });
    const expired = this.checkpoints.filter((c) => c.at <= now - this.lagMs);
    // Keep the newest expired checkpoint: it is the next read's starting point.
    this.checkpoints.splice(0, Math.max(0, expired.length - 1));
    const low = this.checkpoints[0].id;
    for (const id of this.seen) if (id <= low) this.seen.delete(id);
  }
}
