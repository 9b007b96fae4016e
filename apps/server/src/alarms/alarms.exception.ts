import type { WorkflowErrorCode } from '#domain';
import { AppException } from '../errors/app.exception.js';

/** Codes of the alarm feature: the pure workflow's refusals plus the API's own. */
export type AlarmErrorCode =
  | WorkflowErrorCode
  | 'ALARM_NOT_FOUND'
  | 'ALARM_CONFLICT'
  | 'RULE_NOT_FOUND'
  | 'RULE_OVERRIDE_NOT_FOUND'
  | 'RULE_OVERRIDE_INVALID'
  | 'RULE_OVERRIDE_CONFLICT'
  | 'MAINTENANCE_WINDOW_NOT_FOUND'
  | 'MAINTENANCE_WINDOW_INVALID';

/** Errors of the alarms, rules and maintenance-window APIs. */
export class AlarmException extends AppException<AlarmErrorCode> {}
