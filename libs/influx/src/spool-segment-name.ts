/**
 * Spool file names. A segment is one gzipped write body: `<seq, 12 digits>-<line count>.lp.gz`.
 * The zero-padded sequence makes name order equal write order; the line count in the name lets the
 * spool report how many readings it holds without decompressing anything at start-up.
 * A segment is written under `<name>.tmp` and renamed only after fsync, so a name without `.tmp` is
 * always a complete segment; `.corrupt` marks one set aside because it could not be read back.
 */
export interface SegmentName {
  seq: number;
  lines: number;
  file: string;
}

const SEGMENT = /^(\d{12})-(\d{1,9})\.lp\.gz$/;
export const TEMP_SUFFIX = '.tmp';
export const CORRUPT_SUFFIX = '.corrupt';
/** Largest sequence a 12-digit name holds: at 100 segments/s that is over 300 years. */
const MAX_SEQ = 999_999_999_999;

export function segmentFileName(seq: number, lines: number): string {
  if (!Number.isSafeInteger(seq) || seq < 0 || seq > MAX_SEQ)
    throw new RangeError(`segment seq ${seq} out of range`);
  if (!Number.isSafeInteger(lines) || lines < 1)
    throw new RangeError(`segment line count ${lines} out of range`);
  return `${String(seq).padStart(12, '0')}-${lines}.lp.gz`;
}

/** The segment a file name denotes, or undefined for temp, corrupt and foreign files. */
export function parseSegmentFileName(file: string): SegmentName | undefined {
  const match = SEGMENT.exec(file);
  if (!match) return undefined;
  const lines = Number(match[2]);
  return lines >= 1 ? { seq: Number(match[1]), lines, file } : undefined;
}

export function isTempFile(file: string): boolean {
  return file.endsWith(TEMP_SUFFIX);
}

/** Oldest first. */
export function compareSegments(a: { seq: number }, b: { seq: number }): number {
  return a.seq - b.seq;
}
