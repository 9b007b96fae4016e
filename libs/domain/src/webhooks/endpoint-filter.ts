import { EVENT_TYPES, RISK_LEVELS, type Domain, type RiskLevel } from '#contracts';

/**
 * Which platform events an endpoint receives (CONTRACT.md §2; PEERS.md §5.D item 20 "per-endpoint
 * event-type filters"). An endpoint belongs to one owner unit and only ever receives that unit's events
 * ("a utility sees only events for assets its own unit owns"); events raised inside a maintenance window
 * (`suppressed`) are never notified.
 */
export interface EndpointFilter {
  ownerUnitId: string;
  /** Exact types (`alarm.raised`), a family (`alarm.*`) or everything (`*`). */
  eventTypes: readonly string[];
  /** Only events at these levels; empty = any level. Events without a level (device.*) always pass. */
  levels: readonly RiskLevel[];
  /** Only events of these domains; empty = any domain. */
  domains: readonly Domain[];
}

/** The parts of a platform_events row the filter reads. */
export interface FilterableEvent {
  type: string;
  ownerUnitId: string | null;
  domain: string | null;
  suppressed: boolean;
  data: Readonly<Record<string, unknown>>;
}

/** Whether `event` goes to an endpoint with `filter`. */
export function matchesEndpoint(filter: EndpointFilter, event: FilterableEvent): boolean {
  if (event.suppressed) return false;
  if (event.ownerUnitId === null || event.ownerUnitId !== filter.ownerUnitId) return false;
  if (!filter.eventTypes.some((pattern) => typeMatches(pattern, event.type))) return false;
  if (filter.domains.length > 0 && !filter.domains.some((d) => d === event.domain)) return false;
  if (filter.levels.length === 0) return true;
  const levels = levelsOf(event);
  return levels.length === 0 || levels.some((l) => filter.levels.includes(l));
}

/**
 * The levels an event is about: an alarm's `level`; both ends of a risk change (a subscriber to
 * `major` hears an asset enter and leave major); none for device events.
 */
export function levelsOf(event: Pick<FilterableEvent, 'type' | 'data'>): RiskLevel[] {
  const candidates = event.type.startsWith('risk.') ? [event.data.to, event.data.from] : [event.data.level];
  return candidates.filter(isRiskLevel);
}

function typeMatches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === 'string' && (RISK_LEVELS as readonly string[]).includes(value);
}

/**
 * Every accepted `eventTypes` entry: each contract event type, each family (`alarm.*`, …) and `*`.
 * A typo such as `alarm.rasied` would silently match nothing, so it is refused instead.
 */
export const EVENT_TYPE_PATTERNS: readonly string[] = [
  '*',
  ...new Set(EVENT_TYPES.map((t) => `${t.split('.')[0]}.*`)),
  ...EVENT_TYPES,
];
