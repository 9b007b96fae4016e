import type { ErrorCode } from './error-status.js';

/** One invalid input: a field of the request, or of one row of a bulk import (`row` is 1-based). */
export interface FieldError {
  row?: number;
  field: string;
  message: string;
}

export interface AppExceptionOptions {
  errors?: FieldError[];
  /** Extra members of the problem document (RFC 9457 §3.2), e.g. the failing readiness checks. */
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * Base of every error a feature throws on purpose. It carries a code, never an HTTP status: the transport
 * maps codes (HTTP in `error-status.ts`, MQTT in the ingest). Features subclass it with their own code
 * subset (twenty's `WorkspaceException` pattern), e.g. `RegistryException`.
 */
export class AppException<C extends ErrorCode = ErrorCode> extends Error {
  readonly errors?: FieldError[];
  readonly extensions?: Record<string, unknown>;

  constructor(
    readonly code: C,
    /** Human-readable explanation of this occurrence; becomes the problem's `detail`. */
    readonly detail: string,
    options: AppExceptionOptions = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = new.target.name;
    this.errors = options.errors;
    this.extensions = options.extensions;
  }
}
