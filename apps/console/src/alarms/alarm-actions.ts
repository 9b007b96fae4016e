import { DEFAULT_WORKFLOW_CONFIG, ROLE_ACTIONS, STATE_TRANSITIONS, type WorkflowAction } from '#domain';
import type { Role } from '../session/session';
import { isOpen, type AlarmItem } from './alarm-model';

/** The workflow actions the console offers, in button order (`POST /alarms/{id}/{action}`). */
export const CONSOLE_ACTIONS = [
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
] as const satisfies readonly WorkflowAction[];
export type ConsoleAction = (typeof CONSOLE_ACTIONS)[number];

/** Whether the alarm's state and flags allow `action` at all (libs/domain workflow-model.ts). */
function possible(action: ConsoleAction, alarm: AlarmItem): boolean {
  if (action === 'acknowledge') return alarm.acknowledged === null;
  if (action === 'shelve') return !alarm.shelved;
  if (action === 'unshelve') return alarm.shelved;
  // Major alarms may be dispatched without verification (PEERS.md §5.C item 17).
  const skipsVerification =
    action === 'dispatch' &&
    alarm.state === 'raised' &&
    DEFAULT_WORKFLOW_CONFIG.autoDispatchLevels.includes(alarm.level);
  return skipsVerification || STATE_TRANSITIONS[action]?.from.includes(alarm.state) === true;
}

/**
 * Actions to show for `alarm` to a caller with `role` and, for a utility, `ownerUnitId`: what the role
 * may do (ROLE_ACTIONS, the same table the server enforces) and the alarm's state allows. Buttons for
 * anything else are not rendered.
 */
export function availableActions(alarm: AlarmItem, role: Role, ownerUnitId: string | null): ConsoleAction[] {
  if (!isOpen(alarm.state)) return [];
  if (role === 'utility' && alarm.ownerUnitId !== ownerUnitId) return [];
  const allowed = ROLE_ACTIONS[role];
  return CONSOLE_ACTIONS.filter((action) => allowed.includes(action) && possible(action, alarm));
}
