import {
  ADJACENT_SPACE_KINDS,
  CROWDED_PLACE_KINDS,
  PIPE_MATERIALS,
  PRESSURE_CLASSES,
  type CensusAttributes,
} from '#contracts';
import type { FieldError } from '../../errors/app.exception.js';

/**
 * Value types of the known census attributes (libs/contracts/src/census.ts). Unknown attributes are kept
 * as they come: a census grows new fields before the code learns them.
 */
type FieldSpec =
  | { kind: 'number'; min?: number; max?: number; integer?: boolean }
  | { kind: 'boolean' }
  | { kind: 'string' }
  | { kind: 'enum'; values: readonly (string | number)[] }
  | { kind: 'enum[]'; values: readonly string[] };

const LEVEL3 = ['low', 'medium', 'high'] as const;
const CABINS = ['gas', 'power', 'water', 'heating', 'telecom'] as const;
const count = { kind: 'number', min: 0, integer: true } as const;
const positive = { kind: 'number', min: 0 } as const;

/** Typed over every key of CensusAttributes, so a field added to the contract must be described here. */
export const CENSUS_FIELDS: Readonly<Record<keyof CensusAttributes, FieldSpec>> = {
  material: { kind: 'enum', values: PIPE_MATERIALS },
  install_year: { kind: 'number', min: 1800, max: 2200, integer: true },
  design_life_years: { kind: 'number', min: 1, max: 500 },
  diameter_mm: positive,
  pressure_class: { kind: 'enum', values: PRESSURE_CLASSES },
  burial_depth_m: positive,
  adjacent_spaces: count,
  adjacent_space_kinds: { kind: 'enum[]', values: ADJACENT_SPACE_KINDS },
  leak_repairs_5y: count,
  corrosion_env: { kind: 'enum', values: LEVEL3 },
  third_party_construction: { kind: 'boolean' },
  subsidence: { kind: 'boolean' },
  population_density: { kind: 'enum', values: LEVEL3 },
  crowded_places: { kind: 'enum[]', values: CROWDED_PLACE_KINDS },
  households_served: count,
  arterial_road: { kind: 'boolean' },
  condition_class: { kind: 'enum', values: [1, 2, 3, 4, 5] },
  span_m: positive,
  design_strain_ue: positive,
  deflection_limit_mm: positive,
  daily_traffic: count,
  cabins: { kind: 'enum[]', values: CABINS },
  notes: { kind: 'string' },
};

const specOf = (name: string): FieldSpec | undefined =>
  Object.hasOwn(CENSUS_FIELDS, name) ? CENSUS_FIELDS[name as keyof CensusAttributes] : undefined;

function valueProblem(spec: FieldSpec, v: unknown): string | null {
  switch (spec.kind) {
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'must be a finite number';
      if (spec.integer && !Number.isInteger(v)) return 'must be an integer';
      if (spec.min !== undefined && v < spec.min) return `must be ≥ ${spec.min}`;
      if (spec.max !== undefined && v > spec.max) return `must be ≤ ${spec.max}`;
      return null;
    case 'boolean':
      return typeof v === 'boolean' ? null : 'must be a boolean';
    case 'string':
      return typeof v === 'string' ? null : 'must be a string';
    case 'enum':
      return spec.values.includes(v as string | number) ? null : `must be one of ${spec.values.join(', ')}`;
    case 'enum[]':
      if (!Array.isArray(v)) return 'must be an array';
      return v.every((x) => spec.values.includes(x as string))
        ? null
        : `items must be among ${spec.values.join(', ')}`;
  }
}

/** Problems with the known fields of a census object (`field` is `attributes.<name>`); unknown fields pass. */
export function censusProblems(attributes: Record<string, unknown>): FieldError[] {
  const problems: FieldError[] = [];
  for (const [name, value] of Object.entries(attributes)) {
    const spec = specOf(name);
    const problem = spec && value !== null ? valueProblem(spec, value) : null;
    if (problem) problems.push({ field: `attributes.${name}`, message: `${name} ${problem}` });
  }
  return problems;
}

const TRUE = new Set(['true', '1', 'yes', 'y']);
const FALSE = new Set(['false', '0', 'no', 'n']);

/**
 * Converts a CSV cell of `attr.<name>` to the type the census field has: numbers, booleans, `;`-separated
 * arrays. A cell that doesn't convert is returned as the string, so validation reports it.
 */
export function coerceCensusCell(name: string, cell: string): unknown {
  const spec = specOf(name);
  const text = cell.trim();
  if (!spec) return text;
  const numeric = spec.kind === 'number' || (spec.kind === 'enum' && typeof spec.values[0] === 'number');
  if (numeric) return text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  if (spec.kind === 'boolean')
    return TRUE.has(text.toLowerCase()) ? true : FALSE.has(text.toLowerCase()) ? false : text;
  if (spec.kind === 'enum[]')
    return text
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  return text;
}
