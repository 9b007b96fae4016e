import { afterEach, describe, expect, it } from '@jest/globals';
import { setBearer } from '../api/http';
import { EventStream, type StreamStatus } from './event-stream';
import type { SseMessage } from './sse-parser';

const realFetch = globalThis.fetch;

/** A response streaming `body` and then closing, as a server restart would. */
function streamed(body: string): Response {
  const bytes = new TextEncoder().encode(body);
  return new Response(new ReadableStream({ start: (c) => (c.enqueue(bytes), c.close()) }), {
    headers: { 'content-type': 'text/event-stream' },
  });
}

describe('EventStream', () => {
  afterEach(() => {
    globalThis.fetch = realFetch;
    setBearer(null);
  });

  it('sends the bearer header and resumes with Last-Event-ID after the connection drops', async () => {
    setBearer('ll_test');
    const requests: Headers[] = [];
    const bodies = [
      'retry: 5\n\nid: 1\nevent: alarm.raised\ndata: {"n":1}\n\nid: 2\ndata: {"n":2}\n\n',
      'id: 3\ndata: {"n":3}\n\n',
    ];
    const messages: SseMessage[] = [];
    const statuses: StreamStatus[] = [];
    let stream: EventStream | undefined;
    const done = new Promise<void>((resolve) => {
      globalThis.fetch = (async (_url: string, init: RequestInit) => {
        requests.push(new Headers(init.headers));
        const body = bodies.shift();
        if (body === undefined) {
          stream?.stop();
          resolve();
          throw new Error('stopped');
        }
        return streamed(body);
      }) as typeof fetch;
      stream = new EventStream({
        url: '/api/v1/events',
        onMessage: (m) => messages.push(m),
        onStatus: (s) => statuses.push(s),
      });
      stream.start();
    });
    await done;
    expect(messages.map((m) => m.data)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect(requests[0].get('authorization')).toBe('Bearer ll_test');
    expect(requests[0].has('last-event-id')).toBe(false);
    expect(requests[1].get('last-event-id')).toBe('2');
    expect(requests[2].get('last-event-id')).toBe('3');
    expect(statuses.slice(0, 3)).toEqual(['connecting', 'live', 'reconnecting']);
  });
});
