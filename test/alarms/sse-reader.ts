/** A Server-Sent Events client over fetch for the tests: parses the stream into messages as they arrive. */

export interface SseMessage {
  id: string;
  event: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on it with toMatchObject
  data: any;
}

export interface SseStream {
  status: number;
  contentType: string | null;
  messages: SseMessage[];
  comments: string[];
  /** Resolves once `count` messages satisfying `match` arrived (fails after a bounded wait). */
  waitFor(count: number, match?: (m: SseMessage) => boolean): Promise<SseMessage[]>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export interface StreamOptions {
  token?: string;
  lastEventId?: string;
  query?: string;
}

export async function openStream(baseUrl: string, options: StreamOptions = {}): Promise<SseStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
  const res = await fetch(`${baseUrl}/api/v1/events${options.query ?? ''}`, {
    headers,
    signal: controller.signal,
  });
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const waiters: (() => void)[] = [];
  const notify = (): void => waiters.splice(0).forEach((w) => w());
  let buffer = '';
  const parse = (block: string): void => {
    const m: Partial<SseMessage> = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) m.id = line.slice(4);
      else if (line.startsWith('event: ')) m.event = line.slice(7);
      else if (line.startsWith('data: ')) m.data = JSON.parse(line.slice(6));
    }
    if (m.id !== undefined) messages.push(m as SseMessage);
  };
  const ended = (async () => {
    if (!res.body || res.status !== 200) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
          parse(buffer.slice(0, i));
          buffer = buffer.slice(i + 2);
        }
        notify();
      }
    } catch {
      // aborted by close()
    }
    notify();
  })();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    messages,
    comments,
    ended,
    close: () => controller.abort(),
    waitFor: async (count, match = () => true) => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const found = messages.filter(match);
        if (found.length >= count) return found;
        if (Date.now() > deadline)
          throw new Error(
            `expected ${count} SSE messages, got ${JSON.stringify(messages.map((x) => x.event))}`,
          );
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
  };
}
