import { HttpStatus } from '@nestjs/common';
import type { AlarmErrorCode } from '../alarms/alarms.exception.js';
import type { AuthErrorCode } from '../auth/auth.exception.js';
import type { RegistryErrorCode } from '../registry/registry.exception.js';
import type { RiskErrorCode } from '../risk/risk.exception.js';
import type { WebhookErrorCode } from '../webhooks/webhooks.exception.js';

/** Codes any feature may use. */
export type CommonErrorCode = 'VALIDATION_FAILED' | 'UNSUPPORTED_MEDIA_TYPE' | 'NOT_READY';

/** Every code the HTTP layer can answer with. A feature adds its code union here. */
export type ErrorCode =
  CommonErrorCode | AuthErrorCode | RegistryErrorCode | AlarmErrorCode | WebhookErrorCode | RiskErrorCode;

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

  RISK_NOT_ASSESSED: { status: HttpStatus.NOT_FOUND, title: 'Risk not assessed yet' },
  EXTERNAL_EVENT_INVALID: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'External event is not valid' },

  // Alarm workflow (libs/domain workflow-model.ts codes): 409 = not possible in the alarm's current state.
  INVALID_TRANSITION: { status: HttpStatus.CONFLICT, title: 'Action not possible in the alarm’s state' },
  FORBIDDEN_ROLE: { status: HttpStatus.FORBIDDEN, title: 'Not allowed for this role' },
  FORBIDDEN_UNIT: { status: HttpStatus.FORBIDDEN, title: 'The alarm belongs to another owner unit' },
  REASON_REQUIRED: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'A reason is required' },
  SHELVE_TOO_LONG: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Shelve longer than allowed' },
  SHELVE_UNTIL_INVALID: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Shelve needs a future `until`' },
  ALREADY_ACKNOWLEDGED: { status: HttpStatus.CONFLICT, title: 'Already acknowledged' },
  ALREADY_SHELVED: { status: HttpStatus.CONFLICT, title: 'Already shelved' },
  NOT_SHELVED: { status: HttpStatus.CONFLICT, title: 'Not shelved' },
  ALREADY_OUT_OF_SERVICE: { status: HttpStatus.CONFLICT, title: 'Already out of service' },
  NOT_OUT_OF_SERVICE: { status: HttpStatus.CONFLICT, title: 'Not out of service' },
  VERIFICATION_WINDOW_NOT_MET: { status: HttpStatus.CONFLICT, title: 'Verification window not met' },
  FORCE_REQUIRES_ADMIN: { status: HttpStatus.FORBIDDEN, title: 'Only an admin may force a close' },
  LEVEL_NOT_HIGHER: { status: HttpStatus.CONFLICT, title: 'Level is not higher' },
  ALARM_NOT_FOUND: { status: HttpStatus.NOT_FOUND, title: 'Alarm not found' },
  ALARM_CONFLICT: { status: HttpStatus.CONFLICT, title: 'The alarm changed meanwhile' },
  RULE_NOT_FOUND: { status: HttpStatus.NOT_FOUND, title: 'Rule not found' },
  RULE_OVERRIDE_NOT_FOUND: { status: HttpStatus.NOT_FOUND, title: 'Rule override not found' },
  RULE_OVERRIDE_INVALID: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Rule override is not valid' },
  RULE_OVERRIDE_CONFLICT: { status: HttpStatus.CONFLICT, title: 'Rule override version mismatch' },
  MAINTENANCE_WINDOW_NOT_FOUND: { status: HttpStatus.NOT_FOUND, title: 'Maintenance window not found' },
  MAINTENANCE_WINDOW_INVALID: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    title: 'Maintenance window is not valid',
  },

  WEBHOOK_ENDPOINT_NOT_FOUND: { status: HttpStatus.NOT_FOUND, title: 'Webhook endpoint not found' },
  WEBHOOK_DELIVERY_NOT_FOUND: { status: HttpStatus.NOT_FOUND, title: 'Webhook delivery not found' },
  WEBHOOK_URL_REFUSED: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Webhook URL not allowed' },
  WEBHOOK_ENDPOINT_INVALID: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    title: 'Webhook endpoint is not valid',
  },
  WEBHOOK_REPLAY_INVALID: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Replay request is not valid' },
  WEBHOOK_SECRET_UNREADABLE: {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    title: 'Webhook secret cannot be decrypted (WEBHOOK_SECRET_KEY changed?)',
  },
};

export function problemTypeOf(code: ErrorCode): ProblemType {
  return PROBLEM_TYPES[code];
}

/** Stable, non-resolving URI for a code (RFC 9457 §3.1.1 allows URNs): ASSET_NOT_FOUND → urn:lifeline:problem:asset-not-found. */
export function problemTypeUri(code: ErrorCode): string {
  return `urn:lifeline:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}
