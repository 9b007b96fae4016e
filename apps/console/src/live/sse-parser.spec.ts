import { describe, expect, it } from '@jest/globals';
import { createSseParser } from './sse-parser';

describe('createSseParser', () => {
  it('parses id, event and multi-line data, skipping heartbeats', () => {
    const parser = createSseParser();
    const messages = parser.push(': ping\n\nid: 41\nevent: alarm.raised\ndata: {"a":\ndata: 1}\n\n');
    expect(messages).toEqual([{ id: '41', event: 'alarm.raised', data: '{"a":\n1}' }]);
  });

  it('reassembles messages split across chunks and CRLF line ends', () => {
    const parser = createSseParser();
    expect(parser.push('id: 7\r')).toEqual([]);
    expect(parser.push('\ndata: x')).toEqual([]);
    expect(parser.push('\r\n\r\n')).toEqual([{ id: '7', event: 'message', data: 'x' }]);
  });

  it('remembers retry and does not dispatch messages without data', () => {
    const parser = createSseParser();
    expect(parser.push('retry: 2500\nid: 3\n\n')).toEqual([]);
    expect(parser.retryMs()).toBe(2500);
  });
});
