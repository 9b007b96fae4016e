import type { AlarmLevel } from './alarm-rules.js';

/**
 * The disposal workflow of DOMAIN.md §c.3 (动态感知→任务生成→指令派发→承接处置→评估考核) with the ISA-18.2
 * flavour of PEERS.md §2: acknowledgement, shelving and out-of-service are flags beside the state,
 * not states of their own.
 *
 *   raised ──verify──▶ verified ──dispatch──▶ dispatched ──accept──▶ accepted ──arrive──▶ on_site
 *     │  └─dispatch (autoDispatchLevels, e.g. major)──▲                                     │
 *     └─dismiss──▶ dismissed (false alarm, closed)      └──dispatch── reopened ◀──reopen──┐  resolve
 *                                                                                      resolved ◀┘
 *                                                            closed ◀──close (after the verification window)
 */

export const ALARM_STATES = [
  'raised',
  'verified',
  'dismissed',
  'dispatched',
  'accepted',
  'on_site',
  'resolved',
  'closed',
  'reopened',
] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

/** States that end the alarm. */
export const TERMINAL_STATES: readonly AlarmState[] = ['dismissed', 'closed'];

export const WORKFLOW_ACTIONS = [
  'acknowledge',
  'verify',
  'dismiss',
  'dispatch',
  'accept',
  'arrive',
  'resolve',
  'close',
  'reopen',
  'shelve',
  'unshelve',
  'out_of_service',
  'return_to_service',
  'escalate',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** CONTRACT.md §3 roles, plus `system` for the schedulers and the rule engine (auto-dispatch, SLA escalation, relapse, auto-close, chattering auto-shelve). */
export type WorkflowRole = 'admin' | 'operator' | 'monitor' | 'utility' | 'auditor' | 'system';

export interface Actor {
  id: string;
  role: WorkflowRole;
  /** Required for `utility`: it may act only on alarms of its own unit. */
  ownerUnitId?: string;
}

export interface WorkflowCommand {
  type: WorkflowAction;
  /** Required for every action (who did what, when and why — ARCHITECTURE.md rule 6). */
  reason: string;
  /** shelve: until when (epoch ms). */
  until?: number;
  /** close: skip the verification window (admin only, with a reason). */
  force?: boolean;
  /** escalate: raise the alarm level too (the rule engine's `escalate` transition). */
  level?: AlarmLevel;
  /** escalate: the SLA stage that ran over (see sla.ts), so it is escalated once. */
  stage?: string;
}

export interface WorkflowAlarm {
  id: string;
  assetId: string;
  ownerUnitId: string;
  ruleId: string;
  /** Highest level reached; never lowered by the workflow. */
  level: AlarmLevel;
  state: AlarmState;
  raisedAt: number;
  stateSince: number;
  /** First time each state was entered: the SLA clocks and KPIs of the first response. */
  reached: Partial<Record<AlarmState, number>>;
  acknowledged: { by: string; at: number } | null;
  shelvedUntil: number | null;
  outOfService: boolean;
  escalations: number;
  escalatedStages: string[];
  /** Since when the alarm condition has been back to normal; null while it is active. */
  normalSince: number | null;
  /** Number of the last event (1 = alarm.raised). */
  sequence: number;
}

export interface WorkflowEvent {
  type: string;
  alarmId: string;
  at: number;
  actor: string;
  role: WorkflowRole;
  reason: string;
  from: AlarmState;
  to: AlarmState;
  sequence: number;
  detail: Readonly<Record<string, string | number | boolean | null>>;
}

export type WorkflowErrorCode =
  | 'INVALID_TRANSITION'
  | 'FORBIDDEN_ROLE'
  | 'FORBIDDEN_UNIT'
  | 'REASON_REQUIRED'
  | 'SHELVE_TOO_LONG'
  | 'SHELVE_UNTIL_INVALID'
  | 'ALREADY_ACKNOWLEDGED'
  | 'ALREADY_SHELVED'
  | 'NOT_SHELVED'
  | 'ALREADY_OUT_OF_SERVICE'
  | 'NOT_OUT_OF_SERVICE'
  | 'VERIFICATION_WINDOW_NOT_MET'
  | 'FORCE_REQUIRES_ADMIN'
  | 'LEVEL_NOT_HIGHER';

export interface WorkflowError {
  code: WorkflowErrorCode;
  message: string;
}

export type WorkflowResult =
  { ok: true; alarm: WorkflowAlarm; event: WorkflowEvent } | { ok: false; error: WorkflowError };

export interface WorkflowConfig {
  /** Levels that may skip verification and be dispatched at once (PEERS.md §5.C item 17: major bypasses). */
  autoDispatchLevels: readonly AlarmLevel[];
  /** Longest shelve per level (PEERS.md §2 MaxTimeShelved; values ASSUMPTION). */
  maxShelveMs: Readonly<Record<AlarmLevel, number>>;
  /** Normal data needed before close (DOMAIN.md §c.3: red 24 h / orange 12 h / yellow 6 h, ASSUMPTION; blue 0). */
  verificationWindowMs: Readonly<Record<AlarmLevel, number>>;
}

const HOUR = 3_600_000;

export const DEFAULT_WORKFLOW_CONFIG: WorkflowConfig = {
  autoDispatchLevels: ['major'],
  maxShelveMs: { major: 0.5 * HOUR, larger: 2 * HOUR, general: 8 * HOUR, low: 24 * HOUR },
  verificationWindowMs: { major: 24 * HOUR, larger: 12 * HOUR, general: 6 * HOUR, low: 0 },
};

const ALL: readonly WorkflowAction[] = WORKFLOW_ACTIONS;
const CENTRE: readonly WorkflowAction[] = [
  'acknowledge',
  'verify',
  'dismiss',
  'dispatch',
  'close',
  'reopen',
  'shelve',
  'unshelve',
  'escalate',
];

/** Who may do what (CONTRACT.md §3 roles; the split between them is an ASSUMPTION of this project). */
export const ROLE_ACTIONS: Readonly<Record<WorkflowRole, readonly WorkflowAction[]>> = {
  admin: ALL,
  operator: [...CENTRE, 'out_of_service', 'return_to_service'],
  monitor: CENTRE,
  utility: ['acknowledge', 'accept', 'arrive', 'resolve'],
  auditor: [],
  // shelve: the rule engine's one-shot auto-shelve of a chattering alarm (PEERS.md §5.C item 13).
  system: ['dispatch', 'escalate', 'reopen', 'close', 'shelve'],
};

/** State-changing actions: allowed source states and the target. */
export const STATE_TRANSITIONS: Readonly<
  Partial<Record<WorkflowAction, { from: readonly AlarmState[]; to: AlarmState }>>
> = {
  verify: { from: ['raised'], to: 'verified' },
  dismiss: { from: ['raised'], to: 'dismissed' },
  dispatch: { from: ['verified', 'reopened'], to: 'dispatched' },
  accept: { from: ['dispatched'], to: 'accepted' },
  arrive: { from: ['accepted'], to: 'on_site' },
  resolve: { from: ['on_site'], to: 'resolved' },
  close: { from: ['resolved'], to: 'closed' },
  reopen: { from: ['resolved'], to: 'reopened' },
};

/** Event type per action (CONTRACT.md §2 names where it has one). */
export const EVENT_TYPES: Readonly<Record<WorkflowAction, string>> = {
  acknowledge: 'alarm.acknowledged',
  verify: 'alarm.verified',
  dismiss: 'alarm.dismissed',
  dispatch: 'alarm.dispatched',
  accept: 'alarm.accepted',
  arrive: 'alarm.on_site',
  resolve: 'alarm.resolved',
  close: 'alarm.closed',
  reopen: 'alarm.reopened',
  shelve: 'alarm.shelved',
  unshelve: 'alarm.unshelved',
  out_of_service: 'alarm.out_of_service',
  return_to_service: 'alarm.returned_to_service',
  escalate: 'alarm.escalated',
};
