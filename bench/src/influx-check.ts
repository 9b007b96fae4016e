import { InfluxHttp, TelemetryQueries, quoteIdent } from '#influx';
import { compareSentWithStored, type LossCheck, type SentRange } from './zero-loss.js';

/** The bench's read side of InfluxDB: version, databases, and the zero-loss count per device. */
export class InfluxCheck {
  constructor(private readonly url: string) {}

  client(database: string): InfluxHttp {
    return new InfluxHttp({ url: this.url, database, timeoutMs: 120_000 });
  }

  /** `X-Influxdb-Version` of `/ping`, or "unknown". */
  async version(): Promise<string> {
    try {
      const res = await fetch(`${this.url}/ping`, { signal: AbortSignal.timeout(5000) });
      return res.headers.get('x-influxdb-version') ?? 'unknown';
    } catch {
      return 'unknown';
    }
  }

  async ping(): Promise<boolean> {
    const c = this.client('_internal');
    try {
      return await c.ping();
    } finally {
      c.close();
    }
  }

  async dropDatabase(database: string): Promise<void> {
    const c = this.client(database);
    try {
      await c.command(`DROP DATABASE ${quoteIdent(database)}`);
    } finally {
      c.close();
    }
  }

  async createDatabase(database: string): Promise<void> {
    const c = this.client(database);
    try {
      await c.ensureDatabase();
    } finally {
      c.close();
    }
  }

  /** Stored points per device with `from ≤ time ≤ to` (epoch ms); duplicates = points − distinct seqs. */
  async countsByDevice(
    database: string,
    from: number,
    to: number,
  ): Promise<{ points: Map<string, number>; duplicates: number }> {
    const c = this.client(database);
    try {
      const byDevice = await new TelemetryQueries(c).seqCountsByDevice({ from, to: to + 1 });
      const points = new Map<string, number>();
      let duplicates = 0;
      for (const [id, v] of byDevice) {
        points.set(id, v.points);
        duplicates += v.points - v.distinctSeq;
      }
      return { points, duplicates };
    } finally {
      c.close();
    }
  }

  /**
   * Compares the generator's sent ranges with InfluxDB, polling until every reading is counted or the
   * count stops rising for `settleMs` (a reading acknowledged is durable, but the spool may still be
   * replaying after an outage).
   */
  async verify(
    database: string,
    sent: readonly SentRange[],
    from: number,
    to: number,
    settleMs: number,
    timeoutMs: number,
  ): Promise<LossCheck & { duplicates: number; waitedSeconds: number }> {
    const started = Date.now();
    let lastStored = -1;
    let lastChange = Date.now();
    for (;;) {
      const { points, duplicates } = await this.countsByDevice(database, from, to);
      const check = compareSentWithStored(sent, points);
      const waitedSeconds = (Date.now() - started) / 1000;
      if (check.zeroLoss) return { ...check, duplicates, waitedSeconds };
      if (check.stored !== lastStored) {
        lastStored = check.stored;
        lastChange = Date.now();
      }
      if (Date.now() - lastChange > settleMs || Date.now() - started > timeoutMs) {
        return { ...check, duplicates, waitedSeconds };
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}
