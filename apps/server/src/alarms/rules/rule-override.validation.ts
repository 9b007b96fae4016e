import { RISK_LEVELS } from '#contracts';
import type { AlarmRule } from '#domain';
import type { FieldError } from '../../errors/app.exception.js';

/**
 * Shape checks of a rule override (rule-resolve.ts RuleOverride) before the domain merges it: the merge
 * trusts the JSON it gets, and `ruleErrors` judges the merged numbers, not wrong types. Unknown keys are
 * refused so a misspelt field is never a silent no-op.
 */

type Check = (value: unknown, field: string) => FieldError[];

const err = (field: string, message: string): FieldError[] => [{ field, message }];
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const bool: Check = (v, f) => (typeof v === 'boolean' ? [] : err(f, 'must be true or false'));
const number =
  (min = -Infinity): Check =>
  (v, f) =>
    finite(v) && v >= min ? [] : err(f, `must be a number ≥ ${min}`);
const integer =
  (min: number): Check =>
  (v, f) =>
    Number.isInteger(v) && (v as number) >= min ? [] : err(f, `must be an integer ≥ ${min}`);
const level: Check = (v, f) =>
  (RISK_LEVELS as readonly unknown[]).includes(v) ? [] : err(f, `must be one of ${RISK_LEVELS.join(', ')}`);
const text: Check = (v, f) =>
  typeof v === 'string' && v.length > 0 ? [] : err(f, 'must be a non-empty string');

/** A number, or `{ ref, percent, scale? }` (a share of a design value or parameter). */
const threshold: Check = (v, f) => {
  if (finite(v)) return [];
  if (!isObject(v)) return err(f, 'must be a number or { ref, percent, scale? }');
  return fields(v, f, { ref: text, percent: number(0), scale: number() }, ['ref', 'percent']);
};

function fields(
  value: unknown,
  field: string,
  spec: Record<string, Check>,
  required: readonly string[] = [],
): FieldError[] {
  if (!isObject(value)) return err(field, 'must be an object');
  const out: FieldError[] = [];
  for (const [key, v] of Object.entries(value)) {
    const check = spec[key];
    out.push(...(check ? check(v, `${field}.${key}`) : err(`${field}.${key}`, 'is not a known field')));
  }
  for (const key of required)
    if (value[key] === undefined) out.push(...err(`${field}.${key}`, 'is required'));
  return out;
}

const list =
  (item: Check): Check =>
  (v, f) =>
    Array.isArray(v) ? v.flatMap((x, i) => item(x, `${f}.${i}`)) : err(f, 'must be an array');

const step: Check = (v, f) => fields(v, f, { level, value: threshold, inclusive: bool }, ['level', 'value']);
const band: Check = (v, f) =>
  fields(v, f, { level, low: threshold, high: threshold }, ['level', 'low', 'high']);
const delay: Check = (v, f) => fields(v, f, { readings: integer(1), ms: number(0) });
const repeat: Check = (v, f) =>
  v === null ? [] : fields(v, f, { readings: integer(2), level }, ['readings', 'level']);
const corroboration: Check = (v, f) => {
  if (!isObject(v)) return err(f, 'must be an object');
  if (v.kind === 'flag')
    return fields(v, f, { kind: text, metric: text, steps: integer(1), maxSkewMs: number(0) }, [
      'metric',
      'steps',
      'maxSkewMs',
    ]);
  if (v.kind === 'neighbours')
    return fields(v, f, { kind: text, minNeighbours: integer(1), level }, ['minNeighbours', 'level']);
  return err(`${f}.kind`, 'must be flag or neighbours');
};
const params: Check = (v, f) =>
  isObject(v) ? Object.entries(v).flatMap(([k, x]) => number()(x, `${f}.${k}`)) : err(f, 'must be an object');
const conditionOverride: Check = (v, f) =>
  fields(v, f, {
    enabled: bool,
    inclusive: bool,
    steps: list(step),
    bands: list(band),
    amount: threshold,
    withinMs: number(1),
    atLeast: threshold,
    readings: integer(2),
    level,
  });

/** Everything wrong with the shape of `override` for `rule` (empty when the domain may merge it). */
export function overrideShapeErrors(rule: AlarmRule, override: unknown): FieldError[] {
  const conditionIds = new Set(rule.conditions.map((c) => c.id));
  const conditions: Check = (v, f) =>
    isObject(v)
      ? Object.entries(v).flatMap(([id, c]) =>
          conditionIds.has(id)
            ? conditionOverride(c, `${f}.${id}`)
            : err(`${f}.${id}`, `${rule.id} has no condition ${id} (it has ${[...conditionIds].join(', ')})`),
        )
      : err(f, 'must be an object keyed by condition id');
  return fields(override, 'override', {
    enabled: bool,
    deadband: number(0),
    onDelay: delay,
    offDelay: delay,
    repeat,
    corroborations: list(corroboration),
    params,
    conditions,
  });
}
