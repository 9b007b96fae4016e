/**
 * Why an InfluxDB adapter operation failed. Callers branch on `code`, never on the message
 * (CONTRIBUTING.md: errors carry a code; each transport maps codes to its own form).
 *
 * - `invalid_config`: an option is out of range; raised at construction, never at run time.
 * - `unrepresentable_value`: a reading cannot be written as line protocol (newline in a tag, NaN, …).
 * - `store_rejected`: InfluxDB answered 4xx for the line itself; retrying would fail the same way.
 * - `store_unavailable`: network error, timeout, 5xx, 429, or a store-side misconfiguration.
 * - `spool_failed`: the disk spool could not make lines durable (disk full, permissions).
 * - `writer_closed` / `writer_not_started`: a write outside the writer's lifetime.
 * - `invalid_query`: a query parameter failed validation before anything was sent.
 * - `query_failed`: InfluxDB refused or could not answer a query.
 */
export type InfluxErrorCode =
  | 'invalid_config'
  | 'unrepresentable_value'
  | 'store_rejected'
  | 'store_unavailable'
  | 'spool_failed'
  | 'writer_closed'
  | 'writer_not_started'
  | 'invalid_query'
  | 'query_failed';

export class InfluxError extends Error {
  override readonly name = 'InfluxError';
  /** HTTP status InfluxDB answered with, when the failure came from a response. */
  readonly status: number | undefined;

  constructor(
    readonly code: InfluxErrorCode,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = options?.status;
  }
}
