/**
 * Alarm-noise controls of PEERS.md §2 / §5.C item 13 (EEMUA 191 / ISA-18.2 practice): chattering
 * (≥ 3 active↔clear transitions in 1 min), flood (> 10 alarms in 10 min, grouped per asset subtree),
 * de-duplication by (assetId, ruleId) and the 300 s cooldown of [S31] (DOMAIN.md §a.7).
 */

export interface NoiseConfig {
  chatter: { transitions: number; windowMs: number };
  flood: { alarms: number; windowMs: number };
  cooldownMs: number;
}

export const DEFAULT_NOISE_CONFIG: NoiseConfig = {
  chatter: { transitions: 3, windowMs: 60_000 },
  flood: { alarms: 10, windowMs: 600_000 },
  cooldownMs: 300_000,
};

/** Transition times to keep for chattering detection (the ones inside the window ending at `at`). */
export function recordTransition(
  history: readonly number[],
  at: number,
  config: NoiseConfig = DEFAULT_NOISE_CONFIG,
): number[] {
  return [...history, at].filter((t) => t > at - config.chatter.windowMs && t <= at).sort((a, b) => a - b);
}

/** True when ≥ `transitions` active↔clear transitions fall in the window ending at `now`. */
export function isChattering(
  transitionTimes: readonly number[],
  now: number,
  config: NoiseConfig = DEFAULT_NOISE_CONFIG,
): boolean {
  return (
    transitionTimes.filter((t) => t > now - config.chatter.windowMs && t <= now).length >=
    config.chatter.transitions
  );
}

/** The de-duplication key: one active alarm per (asset, rule) (PEERS.md §5.C item 12). */
export function dedupKey(assetId: string, ruleId: string): string {
  return `${assetId}|${ruleId}`;
}

/** The open alarm a new raise on (assetId, ruleId) folds into, if any. */
export function findDuplicate<T extends { assetId: string; ruleId: string }>(
  open: readonly T[],
  assetId: string,
  ruleId: string,
): T | undefined {
  const key = dedupKey(assetId, ruleId);
  return open.find((a) => dedupKey(a.assetId, a.ruleId) === key);
}

/** True while a re-raise on the same (device, metric) falls in the cooldown after its clear ([S31]: 300 s). */
export function inCooldown(
  lastClearedAt: number | null,
  now: number,
  config: NoiseConfig = DEFAULT_NOISE_CONFIG,
): boolean {
  return lastClearedAt !== null && now >= lastClearedAt && now - lastClearedAt < config.cooldownMs;
}

export interface FloodAlarm {
  id: string;
  assetId: string;
  /** Ancestors of the asset, root first (the asset itself excluded). */
  ancestry: readonly string[];
  raisedAt: number;
}

export interface FloodIncident {
  /** `${rootAssetId}@${from}`: stable for the same alarms. */
  key: string;
  rootAssetId: string;
  alarmIds: string[];
  from: number;
  to: number;
}

/** Alarms (sorted by time) that lie in some window of `windowMs` holding more than `alarms` alarms. */
function floodMarks(sorted: readonly FloodAlarm[], config: NoiseConfig['flood']): boolean[] {
  const marks = sorted.map(() => false);
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    end = Math.max(end, start);
    while (end + 1 < sorted.length && sorted[end + 1].raisedAt - sorted[start].raisedAt <= config.windowMs)
      end++;
    if (end - start + 1 > config.alarms) for (let i = start; i <= end; i++) marks[i] = true;
  }
  return marks;
}

/** Runs of consecutive flood-marked alarms no more than a window apart, one incident each. */
function incidentsOf(
  node: string,
  sorted: readonly FloodAlarm[],
  marks: readonly boolean[],
  windowMs: number,
): FloodIncident[] {
  const incidents: FloodIncident[] = [];
  let run: FloodAlarm[] = [];
  const flush = (): void => {
    if (run.length > 0) {
      const from = run[0].raisedAt;
      incidents.push({
        key: `${node}@${from}`,
        rootAssetId: node,
        alarmIds: run.map((a) => a.id),
        from,
        to: run[run.length - 1].raisedAt,
      });
    }
    run = [];
  };
  sorted.forEach((alarm, i) => {
    const last = run[run.length - 1];
    if (!marks[i] || (last !== undefined && alarm.raisedAt - last.raisedAt > windowMs)) flush();
    if (marks[i]) run.push(alarm);
  });
  flush();
  return incidents;
}

/**
 * Groups floods into incidents per asset subtree. Subtrees are tried deepest first, so a flood on one
 * pipeline groups at that pipeline and only the remaining alarms can form a flood of the district above.
 */
export function groupFloods(
  alarms: readonly FloodAlarm[],
  config: NoiseConfig = DEFAULT_NOISE_CONFIG,
): { incidents: FloodIncident[]; ungrouped: string[] } {
  const depth = new Map<string, number>();
  for (const a of alarms)
    [...a.ancestry, a.assetId].forEach((node, i) => depth.set(node, Math.max(depth.get(node) ?? 0, i)));
  const nodes = [...depth.keys()].sort(
    (a, b) => (depth.get(b) ?? 0) - (depth.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const grouped = new Set<string>();
  const incidents: FloodIncident[] = [];
  for (const node of nodes) {
    const members = alarms.filter(
      (a) => !grouped.has(a.id) && (a.assetId === node || a.ancestry.includes(node)),
    );
    const sorted = [...members].sort((a, b) => a.raisedAt - b.raisedAt || (a.id < b.id ? -1 : 1));
    const found = incidentsOf(node, sorted, floodMarks(sorted, config.flood), config.flood.windowMs);
    found.forEach((incident) => incident.alarmIds.forEach((id) => grouped.add(id)));
    incidents.push(...found);
  }
  return { incidents, ungrouped: alarms.filter((a) => !grouped.has(a.id)).map((a) => a.id) };
}
