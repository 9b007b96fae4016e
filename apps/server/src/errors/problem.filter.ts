import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { AppException } from './app.exception.js';
import { problemTypeOf, problemTypeUri } from './error-status.js';
import type { Problem, ProblemBody } from './problem.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const GENERIC_DETAIL = 'An unexpected error occurred.';

/**
 * Answers every error as RFC 9457 problem+json: `AppException`s by their code, Nest/Express HTTP errors
 * (unknown route, malformed JSON, 413) by their status, anything else as a 500 whose details stay in the log.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<IncomingMessage & { originalUrl?: string }>();
    const res = http.getResponse<ServerResponse>();
    const instance = (req.originalUrl ?? req.url ?? '').split('?')[0];
    const problem: Problem = { ...this.toProblem(exception, req), instance };
    if (res.headersSent) {
      // A streaming answer (SSE, CSV) failed midway: the status is gone, only the connection can tell.
      res.destroy();
      return;
    }
    // RFC 9110 §15.5.2: a 401 carries a challenge; the guard sets a more precise one when it has it.
    if (problem.status === 401 && !res.hasHeader('WWW-Authenticate'))
      res.setHeader('WWW-Authenticate', 'Bearer realm="lifeline"');
    res.statusCode = problem.status;
    res.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    res.end(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, req: IncomingMessage): ProblemBody {
    if (exception instanceof AppException) {
      const e = exception as AppException;
      const { status, title } = problemTypeOf(e.code);
      return {
        ...e.extensions,
        type: problemTypeUri(e.code),
        title,
        status,
        detail: e.detail,
        code: e.code,
        ...(e.errors ? { errors: e.errors } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // A 5xx thrown on purpose keeps its status, but its message may carry internals: log it, don't send it.
      if (status >= 500) this.logUnexpected(exception, req);
      const detail = status < 500 ? exception.message : GENERIC_DETAIL;
      // RFC 9457 §4.2.1: "about:blank" problems use the status phrase as their title.
      return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail };
    }
    this.logUnexpected(exception, req);
    const status = HttpStatus.INTERNAL_SERVER_ERROR;
    return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail: GENERIC_DETAIL };
  }

  private logUnexpected(exception: unknown, req: IncomingMessage): void {
    this.logger.error({
      msg: 'unhandled error',
      method: req.method,
      url: req.url,
      err: errorFields(exception),
    });
  }
}

function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { value: String(error) };
}
