import { authHeaders, handleUnauthorizedResponse } from '../api/http';
import { createSseParser, type SseMessage } from './sse-parser';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

export interface EventStreamOptions {
  url: string;
  onMessage: (message: SseMessage) => void;
  onStatus: (status: StreamStatus) => void;
}

const MIN_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15_000;

/**
 * The live feed (`GET /api/v1/events`, Server-Sent Events) read with fetch rather than EventSource, so
 * the bearer token travels in the Authorization header (never in a URL that access logs keep) and every
 * reconnect, however long the outage, sends `Last-Event-ID`: the server replays what was missed and
 * the console has no gaps. Reconnects back off from 1 s to 15 s with jitter (never sooner than the
 * server's `retry:`).
 */
export class EventStream {
  private lastEventId: string | null = null;
  /** The server's `retry:` (kept across connections, as EventSource does). */
  private retryMs: number | null = null;
  private controller: AbortController | null = null;
  private running = false;

  constructor(private readonly options: EventStreamOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.running = false;
    this.controller?.abort();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.options.onStatus(failures === 0 ? 'connecting' : 'reconnecting');
      const parser = createSseParser();
      try {
        await this.readOnce(parser, () => {
          failures = 0;
          this.options.onStatus('live');
        });
      } catch {
        // Network error or aborted: fall through to the back-off below.
      }
      if (!this.running) return;
      failures++;
      this.options.onStatus('reconnecting');
      this.retryMs = parser.retryMs() ?? this.retryMs;
      // The server's retry is a floor; repeated failures still back off.
      const base = Math.max(this.retryMs ?? 0, Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** (failures - 1)));
      await sleep(base * (0.75 + Math.random() * 0.5));
    }
  }

  private async readOnce(parser: ReturnType<typeof createSseParser>, onOpen: () => void): Promise<void> {
    this.controller = new AbortController();
    const headers = authHeaders({ Accept: 'text/event-stream' });
    if (this.lastEventId !== null) headers['Last-Event-ID'] = this.lastEventId;
    const res = await fetch(this.options.url, { headers, signal: this.controller.signal, cache: 'no-store' });
    if (res.status === 401) {
      this.running = false;
      handleUnauthorizedResponse();
      return;
    }
    if (!res.ok || !res.body) throw new Error(`event stream answered ${res.status}`);
    onOpen();
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      for (const message of parser.push(value)) {
        if (message.id !== null) this.lastEventId = message.id;
        this.options.onMessage(message);
      }
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
