import { HttpStatus } from '@nestjs/common';
import type { AuthErrorCode } from '../auth/auth.exception.js';
import type { RegistryErrorCode } from '../registry/registry.exception.js';

/** Codes any feature may use. */
export type CommonErrorCode = 'VALIDATION_FAILED' | 'UNSUPPORTED_MEDIA_TYPE' | 'NOT_READY';

/** Every code the HTTP layer can answer with. A feature adds its code union here. */
export type ErrorCode = CommonErrorCode | AuthErrorCode | RegistryErrorCode;

interface ProblemType {
  status: HttpStatus;
  title: string;
}

/**
 * The one code → HTTP mapping. Typed as a full Record, so a code added to a feature's union without an
 * entry here (or an entry for a code that no longer exists) fails to compile.
 * 400 = the request's shape is wrong; 422 = well-formed but refers to things that don't exist or break
 * the catalog; 404 also hides what a scoped caller may not see.
 */
const PROBLEM_TYPES: Record<ErrorCode, ProblemType> = {
  VALIDATION_FAILED: { status: HttpStatus.BAD_REQUEST, title: 'The request is not valid' },
  UNSUPPORTED_MEDIA_TYPE: { status: HttpStatus.UNSUPPORTED_MEDIA_TYPE, title: 'Unsupported media type' },
  NOT_READY: { status: HttpStatus.SERVICE_UNAVAILABLE, title: 'Not ready' },

  UNAUTHENTICATED: { status: HttpStatus.UNAUTHORIZED, title: 'Authentication required' },
  ROLE_FORBIDDEN: { status: HttpStatus.FORBIDDEN, title: 'Not allowed for this role' },
  TOKEN_NOT_FOUND: { status: HttpStatus.NOT_FOUND, title: 'Token not found' },
  TOKEN_SCOPE_INVALID: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Invalid token scope' },

  OWNER_UNIT_NOT_FOUND: { status: HttpStatus.NOT_FOUND, title: 'Owner unit not found' },
  OWNER_UNIT_ALREADY_EXISTS: { status: HttpStatus.CONFLICT, title: 'Owner unit already exists' },
  ASSET_NOT_FOUND: { status: HttpStatus.NOT_FOUND, title: 'Asset not found' },
  ASSET_ALREADY_EXISTS: { status: HttpStatus.CONFLICT, title: 'Asset already exists' },
  ASSET_INVALID: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Asset is not valid' },
  DEVICE_NOT_FOUND: { status: HttpStatus.NOT_FOUND, title: 'Device not found' },
  DEVICE_ALREADY_EXISTS: { status: HttpStatus.CONFLICT, title: 'Device already exists' },
  DEVICE_INVALID: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Device is not valid' },
  IMPORT_MALFORMED: { status: HttpStatus.BAD_REQUEST, title: 'Import document is malformed' },
  IMPORT_INVALID: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Import rejected; nothing was written' },
};

export function problemTypeOf(code: ErrorCode): ProblemType {
  return PROBLEM_TYPES[code];
}

/** Stable, non-resolving URI for a code (RFC 9457 §3.1.1 allows URNs): ASSET_NOT_FOUND → urn:lifeline:problem:asset-not-found. */
export function problemTypeUri(code: ErrorCode): string {
  return `urn:lifeline:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}
