import { AppException } from '../errors/app.exception.js';

export type RiskErrorCode = 'RISK_NOT_ASSESSED' | 'EXTERNAL_EVENT_INVALID';

/** Errors of the risk API (asset risk, risk list, external reports). */
export class RiskException extends AppException<RiskErrorCode> {}
