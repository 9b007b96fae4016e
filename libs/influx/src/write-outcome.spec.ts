import {
  classifyNetworkError,
  classifyWriteResponse,
  errorMessage,
  type WriteOutcome,
} from './write-outcome.js';

describe('classifyWriteResponse', () => {
  it.each<[number, string, WriteOutcome['kind']]>([
    [204, '', 'written'],
    [200, '', 'written'],
    // Bodies below are the ones InfluxDB 1.6.7 sends (captured with curl against the local server).
    [
      400,
      '{"error":"partial write: field type conflict: input field \\"v\\" on measurement \\"t\\" is type integer, already exists as type float dropped=1"}',
      'partial',
    ],
    [
      400,
      '{"error":"partial write: unable to parse \'t,a=4 v= 4000\': missing field value dropped=0"}',
      'partial',
    ],
    [400, '{"error":"unable to parse \'garbage\': missing fields"}', 'rejected'],
    [400, '{"error":"unexpected EOF"}', 'rejected'],
    [413, '{"error":"Request Entity Too Large"}', 'rejected'],
    [
      422,
      '{"code":"unprocessable entity","message":"failure writing points to database: partial write"}',
      'rejected',
    ],
    [404, '{"error":"database not found: \\"nope\\""}', 'unavailable'],
    [401, '{"code":"unauthorized","message":"unauthorized access"}', 'unavailable'],
    [403, '', 'unavailable'],
    [429, '', 'unavailable'],
    [500, '{"error":"timeout"}', 'unavailable'],
    [503, '<html>bad gateway</html>', 'unavailable'],
    [302, '', 'unavailable'],
  ])('HTTP %i %s → %s', (status, body, kind) => {
    expect(classifyWriteResponse(status, body).kind).toBe(kind);
  });

  it('reads the dropped count of a partial write, counting an unparsed line as at least one', () => {
    expect(
      classifyWriteResponse(400, '{"error":"partial write: points beyond retention policy dropped=7"}'),
    ).toEqual({
      kind: 'partial',
      dropped: 7,
      message: 'partial write: points beyond retention policy dropped=7',
    });
    expect(
      classifyWriteResponse(400, '{"error":"partial write: unable to parse x dropped=0"}'),
    ).toMatchObject({ dropped: 1 });
  });
});

describe('classifyNetworkError', () => {
  it('treats any transport error as the store being unavailable, keeping the errno code', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(classifyNetworkError(err)).toEqual({
      kind: 'unavailable',
      message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1',
    });
    expect(classifyNetworkError('socket hang up')).toEqual({
      kind: 'unavailable',
      message: 'socket hang up',
    });
  });
});

describe('errorMessage', () => {
  it.each([
    ['{"error":"boom"}', 'boom'],
    ['{"code":"invalid","message":"bad line"}', 'bad line'],
    ['not json', 'not json'],
    ['', ''],
  ])('%s → %s', (body, message) => {
    expect(errorMessage(body)).toBe(message);
  });
});
