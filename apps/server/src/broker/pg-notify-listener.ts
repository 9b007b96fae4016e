import pg from 'pg';

export interface PgNotifyListenerOptions {
  connectionString: string;
  channels: readonly string[];
  onNotify(channel: string, payload: string): void;
  /** After every (re)connection, once LISTEN is in place: notifications sent meanwhile were lost, so resync. */
  onConnected(): void;
  onError(err: unknown): void;
  /** Delay before the first reconnect attempt; doubles up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * A dedicated PostgreSQL connection that LISTENs on a few channels (a pooled connection would lose its
 * LISTEN when returned). Reconnects with backoff for as long as it runs.
 */
export class PgNotifyListener {
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | undefined;
  private backoffMs: number;
  private stopped = false;

  constructor(private readonly options: PgNotifyListenerOptions) {
    this.backoffMs = options.minBackoffMs ?? 1000;
  }

  /** Connects once; on failure keeps retrying in the background (resolves either way). */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.options.connectionString });
    client.on('notification', (n) => this.options.onNotify(n.channel, n.payload ?? ''));
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      for (const channel of this.options.channels)
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (err) {
      this.lost(client, err);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.backoffMs = this.options.minBackoffMs ?? 1000;
    this.options.onConnected();
  }

  private lost(client: pg.Client, err: unknown): void {
    if (this.stopped || (this.client !== null && this.client !== client) || this.timer) return;
    this.client = null;
    client.removeAllListeners('end');
    client.removeAllListeners('error');
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    this.options.onError(err);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect();
    }, this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? 30_000);
  }
}
