/** One Server-Sent Events message (WHATWG HTML §9.2 "event stream interpretation"). */
export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

export interface SseParser {
  /** Feeds decoded text; returns the messages it completed. */
  push(chunk: string): SseMessage[];
  /** The last `retry:` the server asked for, in ms. */
  retryMs(): number | null;
}

/**
 * An incremental text/event-stream parser: lines end in LF, CR or CRLF; a blank line dispatches; `:`
 * lines are comments (heartbeats); `data` lines join with LF; a message without data is not dispatched.
 */
export function createSseParser(): SseParser {
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let id: string | null = null;
  let retry: number | null = null;

  const field = (line: string): SseMessage | null => {
    if (line === '') {
      const message = data.length > 0 ? { id, event: event || 'message', data: data.join('\n') } : null;
      data = [];
      event = '';
      id = null;
      return message;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'data') data.push(value);
    else if (name === 'event') event = value;
    else if (name === 'id' && !value.includes('\0')) id = value;
    else if (name === 'retry' && /^\d+$/.test(value)) retry = Number(value);
    return null;
  };

  return {
    push(chunk) {
      buffer += chunk;
      const messages: SseMessage[] = [];
      let match: RegExpExecArray | null;
      const lineEnd = /\r\n|\r|\n/g;
      let start = 0;
      while ((match = lineEnd.exec(buffer)) !== null) {
        // A CR at the very end may be the first half of CRLF: wait for the next chunk.
        if (match[0] === '\r' && match.index === buffer.length - 1) break;
        const message = field(buffer.slice(start, match.index));
        if (message) messages.push(message);
        start = match.index + match[0].length;
      }
      buffer = buffer.slice(start);
      return messages;
    },
    retryMs: () => retry,
  };
}
