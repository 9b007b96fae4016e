/**
 * What a device's `seq` says about one sample (CONTRACT.md §1: "seq: per-device counter, used to drop
 * duplicates"):
 * - `new`: not seen before (ahead of the newest, or a gap inside the window filled out of order);
 * - `duplicate`: seen before inside the window (a QoS 1 redelivery, a resent backlog);
 * - `stale`: so far behind the newest seq that the window no longer remembers it. Treated as a duplicate:
 *   the window covers a whole backlog batch (1,000 samples, CONTRACT.md §1) behind the live head, and a
 *   device that stores ≥ 500 records (DOMAIN.md §a.7) sends its backlog right after reconnecting, so a
 *   sample this old is far more likely a replay than a reading never stored;
 * - `restart`: the counter went backwards while the timestamp moved forward past every sample seen —
 *   the device rebooted and counts from 0 again. The window restarts at this seq and it is accepted.
 */
export type SeqVerdict = 'new' | 'duplicate' | 'stale' | 'restart';

/** Default window: a full backlog batch plus headroom; 1,024 bits = 128 bytes per device. */
export const DEFAULT_SEQ_WINDOW = 1024;

/**
 * Per-device duplicate detector with bounded memory: the highest seq seen plus a ring of bits for the
 * `size` seqs at and below it (the sliding window of IPsec anti-replay, RFC 4303 §3.4.3, widened).
 * A redelivered sample carries its original `ts`, so a lower seq with a newer ts than any seen cannot be
 * a redelivery: that is how a counter restart is told apart from a duplicate.
 */
export class SeqWindow {
  private readonly bits: Uint32Array;
  private highest = -1;
  private newestTs = -Infinity;

  constructor(private readonly size = DEFAULT_SEQ_WINDOW) {
    if (!Number.isInteger(size) || size < 32 || size % 32 !== 0)
      throw new RangeError('window size must be a multiple of 32');
    this.bits = new Uint32Array(size / 32);
  }

  /** The highest seq remembered, or -1 before the first sample. */
  get newestSeq(): number {
    return this.highest;
  }

  /** Classifies `seq` (measured at `ts`) and remembers it unless it is a duplicate or stale. */
  observe(seq: number, ts: number): SeqVerdict {
    if (this.highest < 0) {
      this.start(seq, ts);
      return 'new';
    }
    if (seq < this.highest && ts > this.newestTs) {
      this.bits.fill(0);
      this.start(seq, ts);
      return 'restart';
    }
    if (seq > this.highest) {
      this.advance(seq);
      this.mark(seq, ts);
      return 'new';
    }
    if (this.highest - seq >= this.size) return 'stale';
    if (this.isMarked(seq)) return 'duplicate';
    this.mark(seq, ts);
    return 'new';
  }

  /**
   * Un-remembers `seq` after its sample could not be stored, so the device's retransmission is accepted
   * instead of being dropped as a duplicate of something that was never written.
   */
  forget(seq: number): void {
    if (seq <= this.highest && this.highest - seq < this.size) {
      const i = seq % this.size;
      this.bits[i >>> 5] &= ~(1 << (i & 31));
    }
  }

  private start(seq: number, ts: number): void {
    this.highest = seq;
    this.newestTs = -Infinity;
    this.mark(seq, ts);
  }

  /** Slides the window up to `seq`, clearing the bits of the seqs it skips. */
  private advance(seq: number): void {
    if (seq - this.highest >= this.size) {
      this.bits.fill(0);
    } else {
      for (let s = this.highest + 1; s <= seq; s++) {
        const i = s % this.size;
        this.bits[i >>> 5] &= ~(1 << (i & 31));
      }
    }
    this.highest = seq;
  }

  private mark(seq: number, ts: number): void {
    const i = seq % this.size;
    this.bits[i >>> 5] |= 1 << (i & 31);
    if (ts > this.newestTs) this.newestTs = ts;
  }

  private isMarked(seq: number): boolean {
    const i = seq % this.size;
    return (this.bits[i >>> 5] & (1 << (i & 31))) !== 0;
  }
}
