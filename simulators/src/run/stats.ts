/** Counters of a simulator run and their one-line rendering. */
export class RunStats {
  /** CONNACKs received (first connections and reconnections). */
  connects = 0;
  refused = 0;
  sent = 0;
  acked = 0;
  publishFailed = 0;
  /** Readings never sent (offline without storage, storage overflow). */
  lost = 0;
  /** Rejections the platform reported on the devices' `errors` topics, by code. */
  readonly rejections = new Map<string, number>();

  reject(code: string): void {
    this.rejections.set(code, (this.rejections.get(code) ?? 0) + 1);
  }

  get rejected(): number {
    let n = 0;
    for (const v of this.rejections.values()) n += v;
    return n;
  }

  /** e.g. `[  60s] connected 630/630 · sent 1204 · acked 1198 · in flight 6 · errors 3 (out_of_range 3)`. */
  line(elapsedS: number, connected: number, devices: number): string {
    const parts = [
      `connected ${connected}/${devices}`,
      `sent ${this.sent}`,
      `acked ${this.acked}`,
      `in flight ${Math.max(0, this.sent - this.acked - this.publishFailed)}`,
    ];
    const byCode = [...this.rejections.entries()].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`);
    parts.push(`errors ${this.rejected}${byCode.length > 0 ? ` (${byCode.join(', ')})` : ''}`);
    if (this.publishFailed > 0) parts.push(`publish failures ${this.publishFailed}`);
    if (this.refused > 0) parts.push(`refused ${this.refused}`);
    if (this.lost > 0) parts.push(`lost ${this.lost}`);
    return `[${String(Math.round(elapsedS)).padStart(5)}s] ${parts.join(' · ')}`;
  }
}
