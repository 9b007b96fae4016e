import { MAX_TELEMETRY_BYTES } from '#contracts';
import {
  checkTimestamp,
  isPlainObject,
  show,
  type Checked,
  type TimeWindow,
} from './telemetry-validation-fields.js';

/** Event types of CONTRACT.md §1 and DOMAIN.md §a.7 (water immersion, cover open, tamper, battery). */
export const KNOWN_DEVICE_EVENT_TYPES = ['immersion', 'tamper', 'cover_open', 'battery_low'] as const;

/** Other types are accepted (the contract's list ends in "…") if they look like a type name. */
const EVENT_TYPE = /^[a-z][a-z0-9_]{0,47}$/;

export interface ValidDeviceEvent {
  ts: number;
  type: string;
  detail: Record<string, unknown>;
  /** One of KNOWN_DEVICE_EVENT_TYPES; rules may react to others only by name. */
  known: boolean;
}

/** Validates a `…/event` document `{ts, type, detail?}` (CONTRACT.md §1). Never throws. */
export function validateDeviceEvent(payload: Buffer, ctx: TimeWindow): Checked<ValidDeviceEvent> {
  if (payload.length > MAX_TELEMETRY_BYTES) {
    return refuse(
      'payload_too_large',
      `payload is ${payload.length} bytes; the limit is ${MAX_TELEMETRY_BYTES} bytes`,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(payload.toString('utf8'));
  } catch (err) {
    return refuse('malformed_json', `payload is not valid JSON: ${(err as Error).message}`);
  }
  if (!isPlainObject(doc)) return refuse('invalid_document', `event must be a JSON object, got ${show(doc)}`);
  const ts = checkTimestamp(doc.ts, ctx);
  if (!ts.ok) return ts;
  if (typeof doc.type !== 'string' || !EVENT_TYPE.test(doc.type)) {
    return refuse(
      'invalid_document',
      `event "type" must be a snake_case name such as "immersion", got ${show(doc.type)}`,
    );
  }
  if (doc.detail !== undefined && !isPlainObject(doc.detail)) {
    return refuse('invalid_document', `event "detail" must be a JSON object, got ${show(doc.detail)}`);
  }
  const type = doc.type;
  const known = (KNOWN_DEVICE_EVENT_TYPES as readonly string[]).includes(type);
  return { ok: true, value: { ts: ts.value, type, detail: doc.detail ?? {}, known } };
}

/** Validates a `…/status` document `{online: boolean}` (CONTRACT.md §1; also the Last Will). */
export function validateStatus(payload: Buffer): Checked<boolean> {
  let doc: unknown;
  try {
    doc = payload.length <= MAX_TELEMETRY_BYTES ? JSON.parse(payload.toString('utf8')) : undefined;
  } catch {
    return refuse('malformed_json', 'status payload is not valid JSON');
  }
  if (isPlainObject(doc) && typeof doc.online === 'boolean') return { ok: true, value: doc.online };
  return refuse('invalid_document', `status must be {"online": true|false}, got ${show(doc)}`);
}

function refuse<T>(
  code: 'payload_too_large' | 'malformed_json' | 'invalid_document',
  message: string,
): Checked<T> {
  return { ok: false, rejection: { code, message } };
}
