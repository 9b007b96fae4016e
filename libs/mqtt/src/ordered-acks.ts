type Release = (err?: Error | null) => void;

interface Slot {
  release: Release;
  settled: boolean;
  err: Error | null;
}

/**
 * Acknowledgements released in the order their messages arrived, however the work behind them finishes.
 * MQTT 3.1.1 §4.6 [MQTT-4.6.0-2] has a receiver send PUBACKs in the order it received the PUBLISH packets;
 * a message with nothing to store (a duplicate) completes at once while an earlier one is still being
 * written, so its acknowledgement waits for the earlier one's.
 */
export class OrderedAcks {
  private readonly slots: Slot[] = [];
  private head = 0;

  /** Reserves the next place in line; the returned `done` may be called once, at any time. */
  next(release: Release): (err?: Error | null) => void {
    const slot: Slot = { release, settled: false, err: null };
    this.slots.push(slot);
    return (err?: Error | null) => {
      if (slot.settled) return;
      slot.settled = true;
      slot.err = err ?? null;
      this.drain();
    };
  }

  /** Acknowledgements still waiting (for their own work or an earlier message's). */
  get pending(): number {
    return this.slots.length - this.head;
  }

  private drain(): void {
    while (this.head < this.slots.length && this.slots[this.head].settled) {
      const slot = this.slots[this.head];
      this.slots[this.head++] = undefined as unknown as Slot;
      slot.release(slot.err);
    }
    if (this.head === this.slots.length) {
      this.slots.length = 0;
      this.head = 0;
      return;
    }
    // Compact once the released prefix dominates, so a long-lived connection's array stays small
    // without paying an O(n) shift per acknowledgement.
    if (this.head > 1024 && this.head * 2 > this.slots.length) {
      this.slots.splice(0, this.head);
      this.head = 0;
    }
  }
}
