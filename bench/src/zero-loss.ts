/**
 * Zero loss (BENCHMARKS.md metric 1): every `seq` a device sent is in InfluxDB. The generator knows, per
 * device, the contiguous range of seqs it sent in a window; InfluxDB answers `count(seq)` per device_id over
 * the same time window. Points are keyed by series + timestamp, and the generator never reuses a timestamp
 * per device, so a count equal to the range length means every reading was stored exactly once.
 */

export interface SentRange {
  deviceId: string;
  /** First and last seq sent (inclusive); last < first means nothing was sent. */
  first: number;
  last: number;
}

export interface LossCheck {
  devices: number;
  sent: number;
  stored: number;
  /** Readings sent but not counted, summed over devices. */
  missing: number;
  /** Readings counted beyond what was sent (should be 0: a reused timestamp or a foreign writer). */
  extra: number;
  devicesShort: number;
  /** Devices that stored points without the generator having sent any. */
  unexpectedDevices: number;
  /** Up to 10 examples, for the report. */
  examples: Array<{ deviceId: string; sent: number; stored: number }>;
  zeroLoss: boolean;
}

export function sentCount(r: SentRange): number {
  return r.last >= r.first ? r.last - r.first + 1 : 0;
}

export function compareSentWithStored(
  sent: readonly SentRange[],
  stored: ReadonlyMap<string, number>,
): LossCheck {
  const check: LossCheck = {
    devices: 0,
    sent: 0,
    stored: 0,
    missing: 0,
    extra: 0,
    devicesShort: 0,
    unexpectedDevices: 0,
    examples: [],
    zeroLoss: true,
  };
  const known = new Set<string>();
  for (const r of sent) {
    const n = sentCount(r);
    known.add(r.deviceId);
    if (n === 0 && !stored.has(r.deviceId)) continue;
    const got = stored.get(r.deviceId) ?? 0;
    check.devices++;
    check.sent += n;
    check.stored += got;
    if (got < n) {
      check.missing += n - got;
      check.devicesShort++;
      if (check.examples.length < 10) check.examples.push({ deviceId: r.deviceId, sent: n, stored: got });
    } else if (got > n) {
      check.extra += got - n;
    }
  }
  for (const [deviceId, got] of stored) {
    if (known.has(deviceId) || got === 0) continue;
    check.unexpectedDevices++;
    check.stored += got;
    check.extra += got;
  }
  check.zeroLoss = check.missing === 0;
  return check;
}

/** The seqs of `range` absent from `seqs` (sorted), at most `limit` of them: what the report names. */
export function missingSeqs(range: SentRange, seqs: Iterable<number>, limit = 20): number[] {
  const have = new Set(seqs);
  const out: number[] = [];
  for (let s = range.first; s <= range.last && out.length < limit; s++) if (!have.has(s)) out.push(s);
  return out;
}

/** Ranges of step k from seq snapshots taken at step boundaries (nextSeq per device before and after). */
export function rangesBetween(
  deviceIds: readonly string[],
  nextSeqBefore: ArrayLike<number>,
  nextSeqAfter: ArrayLike<number>,
): SentRange[] {
  return deviceIds.map((deviceId, i) => ({ deviceId, first: nextSeqBefore[i], last: nextSeqAfter[i] - 1 }));
}
