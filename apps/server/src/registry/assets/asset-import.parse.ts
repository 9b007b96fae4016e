import type { FieldError } from '../../errors/app.exception.js';
import { CsvSyntaxError, parseCsv } from '../import/csv.js';
import { RegistryException } from '../registry.exception.js';
import { coerceCensusCell } from './census-attributes.js';

/** One record of an import file, before validation: a plain object, or why it couldn't become one. */
export interface ImportRecord {
  /** 1-based: feature index, or CSV data line (the header is row 0). */
  row: number;
  value: Record<string, unknown>;
  errors: FieldError[];
}

/** Features `{ geometry, properties: { id, … } }` → records; a feature's own `id` stands in for a missing `properties.id`. */
export function recordsFromFeatureCollection(body: unknown): ImportRecord[] {
  const fc = body as { type?: unknown; features?: unknown } | null;
  if (
    typeof fc !== 'object' ||
    fc === null ||
    fc.type !== 'FeatureCollection' ||
    !Array.isArray(fc.features)
  ) {
    throw new RegistryException(
      'IMPORT_MALFORMED',
      'expected a GeoJSON FeatureCollection with a features array',
    );
  }
  return (fc.features as unknown[]).map((feature, i) => {
    const row = i + 1;
    const f = feature as { type?: unknown; id?: unknown; geometry?: unknown; properties?: unknown } | null;
    if (typeof f !== 'object' || f === null || f.type !== 'Feature') {
      return { row, value: {}, errors: [{ row, field: '', message: 'must be a GeoJSON Feature' }] };
    }
    const properties =
      typeof f.properties === 'object' && f.properties !== null
        ? (f.properties as Record<string, unknown>)
        : {};
    const id = properties.id ?? f.id;
    return {
      row,
      value: { ...properties, ...(id === undefined ? {} : { id }), geometry: f.geometry },
      errors: [],
    };
  });
}

const REQUIRED = ['id', 'domain', 'kind', 'name', 'district', 'ownerUnitId'] as const;
const OPTIONAL = ['geometry', 'lon', 'lat', 'parentId', 'lengthM'] as const;
const ATTR_PREFIX = 'attr.';

/** CSV with a header row → records; `attr.<name>` cells are typed by the census field they name. */
export function recordsFromCsv(text: unknown): ImportRecord[] {
  if (typeof text !== 'string') throw new RegistryException('IMPORT_MALFORMED', 'expected a text/csv body');
  let table: string[][];
  try {
    table = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new RegistryException('IMPORT_MALFORMED', `CSV: ${error.message}`);
    throw error;
  }
  const [header = [], ...lines] = table;
  assertHeader(header.map((h) => h.trim()));
  return lines.map((cells, i) =>
    csvRecord(
      header.map((h) => h.trim()),
      cells,
      i + 1,
    ),
  );
}

function assertHeader(header: string[]): void {
  const known = new Set<string>([...REQUIRED, ...OPTIONAL]);
  const errors: FieldError[] = [];
  for (const col of REQUIRED)
    if (!header.includes(col)) errors.push({ row: 0, field: col, message: 'required column missing' });
  if (!header.includes('geometry') && !(header.includes('lon') && header.includes('lat'))) {
    errors.push({
      row: 0,
      field: 'geometry',
      message: 'a geometry column, or lon and lat columns, is required',
    });
  }
  for (const col of header) {
    if (!known.has(col) && !col.startsWith(ATTR_PREFIX))
      errors.push({ row: 0, field: col, message: 'unknown column' });
  }
  const dup = header.find((col, i) => header.indexOf(col) !== i);
  if (dup) errors.push({ row: 0, field: dup, message: 'column appears twice' });
  if (errors.length > 0)
    throw new RegistryException('IMPORT_MALFORMED', 'the CSV header is not usable', { errors });
}

function csvRecord(header: string[], cells: string[], row: number): ImportRecord {
  if (cells.length !== header.length) {
    return {
      row,
      value: {},
      errors: [{ row, field: '', message: `has ${cells.length} fields; the header has ${header.length}` }],
    };
  }
  const value: Record<string, unknown> = {};
  const attributes: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  header.forEach((col, i) => {
    const cell = cells[i].trim();
    if (cell === '') return;
    if (col.startsWith(ATTR_PREFIX))
      attributes[col.slice(ATTR_PREFIX.length)] = coerceCensusCell(col.slice(ATTR_PREFIX.length), cell);
    else if (col === 'lengthM') value.lengthM = Number.isFinite(Number(cell)) ? Number(cell) : cell;
    else if (col === 'geometry') value.geometry = parseGeometryCell(cell, row, errors);
    else if (col !== 'lon' && col !== 'lat') value[col] = cell;
  });
  if (value.geometry === undefined && header.includes('lon'))
    value.geometry = pointFrom(cells[header.indexOf('lon')], cells[header.indexOf('lat')]);
  if (Object.keys(attributes).length > 0) value.attributes = attributes;
  return { row, value, errors };
}

function parseGeometryCell(cell: string, row: number, errors: FieldError[]): unknown {
  try {
    return JSON.parse(cell) as unknown;
  } catch {
    errors.push({ row, field: 'geometry', message: 'is not valid GeoJSON text' });
    return undefined;
  }
}

/** Blank lon/lat stay undefined so validation says "geometry missing" rather than "not a number". */
function pointFrom(lon: string | undefined, lat: string | undefined): unknown {
  if (!lon?.trim() && !lat?.trim()) return undefined;
  return { type: 'Point', coordinates: [Number(lon), Number(lat)] };
}
