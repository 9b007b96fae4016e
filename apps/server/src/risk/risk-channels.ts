/**
 * PostgreSQL channel the external-events API notifies (payload: asset id) after recording a report, so
 * the evaluator (dispatcher role, maybe another process) re-assesses the asset once the report commits.
 */
export const RISK_INPUT_CHANNEL = 'risk_input_changed';
