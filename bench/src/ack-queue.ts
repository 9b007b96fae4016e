/**
 * The unacknowledged QoS 1 messages of one connection: packet id and scheduled send time, oldest first.
 * PUBACKs come in publish order (MQTT-4.6.0-2), so the match is nearly always the head: O(1) per ack,
 * with an amortised compaction instead of an O(n) shift. An out-of-order PUBACK is still matched.
 */
export class AckQueue {
  private ids: number[] = [];
  private times: number[] = [];
  private head = 0;

  get size(): number {
    return this.ids.length - this.head;
  }

  push(id: number, time: number): void {
    this.ids.push(id);
    this.times.push(time);
  }

  /** Removes the message with packet id `id`; returns its send time, or null when none is waiting. */
  take(id: number): number | null {
    if (this.head < this.ids.length && this.ids[this.head] === id) {
      const time = this.times[this.head++];
      this.compact();
      return time;
    }
    const at = this.ids.indexOf(id, this.head);
    if (at < 0) return null;
    const time = this.times[at];
    this.ids.splice(at, 1);
    this.times.splice(at, 1);
    return time;
  }

  private compact(): void {
    if (this.head === this.ids.length) {
      this.ids = [];
      this.times = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.ids.length) {
      this.ids = this.ids.slice(this.head);
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}
