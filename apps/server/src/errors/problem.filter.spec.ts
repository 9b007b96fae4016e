import { NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { AppException } from './app.exception.js';
import { ProblemFilter } from './problem.filter.js';

/** A recording stand-in for Node's ServerResponse (only what the filter touches). */
class RecordingResponse {
  headersSent = false;
  statusCode = 200;
  headers: Record<string, string> = {};
  body = '';
  destroyed = false;
  setHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }
  hasHeader(name: string): boolean {
    return name.toLowerCase() in this.headers;
  }
  end(body: string): void {
    this.body = body;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

function run(
  exception: unknown,
  res = new RecordingResponse(),
): { res: RecordingResponse; problem: Record<string, unknown> } {
  const req = {
    method: 'GET',
    url: '/api/v1/assets/X?format=geojson',
    originalUrl: '/api/v1/assets/X?format=geojson',
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ArgumentsHost;
  new ProblemFilter().catch(exception, host);
  return { res, problem: res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {} };
}

describe('ProblemFilter', () => {
  it('maps an AppException by its code, with errors and extensions', () => {
    const { res, problem } = run(
      new AppException('ASSET_INVALID', 'bad parent', {
        errors: [{ field: 'parentId', message: 'unknown' }],
        extensions: { hint: 1 },
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(problem).toEqual({
      type: 'urn:lifeline:problem:asset-invalid',
      title: 'Asset is not valid',
      status: 422,
      detail: 'bad parent',
      code: 'ASSET_INVALID',
      errors: [{ field: 'parentId', message: 'unknown' }],
      hint: 1,
      instance: '/api/v1/assets/X',
    });
  });

  it('answers Nest HTTP errors as about:blank problems', () => {
    const { res, problem } = run(new NotFoundException('Cannot GET /x'));
    expect(res.statusCode).toBe(404);
    expect(problem).toMatchObject({ type: 'about:blank', title: 'Not Found', detail: 'Cannot GET /x' });
  });

  it('answers an unexpected error with a bare 500 that leaks nothing', () => {
    const { res, problem } = run(new Error('password authentication failed for user "postgres" at 10.0.0.5'));
    expect(res.statusCode).toBe(500);
    expect(problem).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred.',
      instance: '/api/v1/assets/X',
    });
  });

  it('adds a Bearer challenge to every 401', () => {
    expect(run(new AppException('UNAUTHENTICATED', 'no token')).res.headers['www-authenticate']).toBe(
      'Bearer realm="lifeline"',
    );
  });

  it('drops the connection when the answer had already started', () => {
    const res = new RecordingResponse();
    res.headersSent = true;
    run(new Error('stream broke'), res);
    expect(res.destroyed).toBe(true);
    expect(res.body).toBe('');
  });
});
