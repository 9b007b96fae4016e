import type { ServerResponse } from 'node:http';
import type { StoredPlatformEvent } from '../events/events.service.js';

/** What one stream may see: a utility its own unit's unsuppressed events; the console everything. */
export interface StreamFilter {
  ownerUnitId?: string;
  excludeSuppressed: boolean;
}

/** A client that lets this much pile up unread is dropped; it reconnects with Last-Event-ID and misses nothing. */
const MAX_BUFFERED_BYTES = 1 << 20;

/** One `text/event-stream` message (WHATWG HTML §9.2.6): the JSON has no raw newlines, so one data line. */
export function formatEvent(e: StoredPlatformEvent): string {
  const body = JSON.stringify({ type: e.type, timestamp: e.timestamp, data: e.data });
  return `id: ${e.id}\nevent: ${e.type}\ndata: ${body}\n\n`;
}

/**
 * One connected stream. `cursor` is the id of the last event this client has been given or passed over,
 * so whichever path offers an event (replay or live fan-out) it is written at most once and in id order.
 */
export class SseClient {
  /** Receives the live fan-out once the replay has caught up. */
  live = false;
  closed = false;

  constructor(
    private readonly res: ServerResponse,
    readonly filter: StreamFilter,
    public cursor: number,
  ) {}

  wants(e: StoredPlatformEvent): boolean {
    if (this.filter.ownerUnitId !== undefined && e.ownerUnitId !== this.filter.ownerUnitId) return false;
    return !(this.filter.excludeSuppressed && e.suppressed);
  }

  /** Writes the event if it is new to this client and passes its filter; moves the cursor either way. */
  offer(e: StoredPlatformEvent): void {
    const id = Number(e.id);
    if (this.closed || id <= this.cursor) return;
    this.cursor = id;
    if (this.wants(e)) this.write(formatEvent(e));
  }

  /** Moves the cursor over ids known to hold nothing for this client. */
  skipTo(id: number): void {
    if (id > this.cursor) this.cursor = id;
  }

  comment(text: string): void {
    this.write(`: ${text}\n\n`);
  }

  write(chunk: string): void {
    if (this.closed) return;
    this.res.write(chunk);
    if (this.res.writableLength > MAX_BUFFERED_BYTES) this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.res.end();
  }
}
