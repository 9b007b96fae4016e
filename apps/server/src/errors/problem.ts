import type { FieldError } from './app.exception.js';

/** An RFC 9457 problem document as this API sends it, before `instance` is known. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Machine-readable code (e.g. ASSET_NOT_FOUND); absent for generic HTTP errors. */
  code?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface Problem extends ProblemBody {
  /** The request path the problem occurred at. */
  instance: string;
}
