/**
 * Which batches are not yet settled (written, spooled or refused), so `flush()` can wait for exactly the
 * batches cut before it. Ids only grow and a Map iterates in insertion order, so the oldest unsettled
 * batch is always the first key: checking a waiter is O(1).
 */
export class BatchLedger {
  /** Batch id → parts outstanding (a bisected batch is settled in two halves). */
  private readonly unsettled = new Map<number, number>();
  private waiters: { upTo: number; resolve: () => void }[] = [];

  opened(id: number): void {
    this.unsettled.set(id, 1);
  }

  /** The batch was split in two; both halves must settle. */
  split(id: number): void {
    this.unsettled.set(id, (this.unsettled.get(id) ?? 0) + 1);
  }

  settled(id: number): void {
    const parts = (this.unsettled.get(id) ?? 1) - 1;
    if (parts > 0) {
      this.unsettled.set(id, parts);
      return;
    }
    this.unsettled.delete(id);
    if (this.waiters.length === 0) return;
    this.waiters = this.waiters.filter((w) => {
      if (!this.settledThrough(w.upTo)) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves once every batch with an id up to `upTo` has settled. */
  async whenSettledThrough(upTo: number): Promise<void> {
    if (this.settledThrough(upTo)) return;
    await new Promise<void>((resolve) => this.waiters.push({ upTo, resolve }));
  }

  private settledThrough(upTo: number): boolean {
    const oldest = this.unsettled.keys().next();
    return oldest.done === true || oldest.value > upTo;
  }
}
