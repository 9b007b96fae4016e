import { bridgeOverload } from './bridge-overload.js';
import { backlog, duplicates, malformed, offline, outOfOrder } from './faults/transport-faults.js';
import { drift, spike, stuck } from './faults/value-faults.js';
import { gasLeak } from './gas-leak.js';
import { rainstorm } from './rainstorm.js';
import { tunnelIngress } from './tunnel-ingress.js';
import type { Scenario } from './types.js';
import { waterBurst } from './water-burst.js';

export type { Reach, Scenario, ScenarioContext, ScenarioName, TransportFault } from './types.js';

/** Every scenario, events first, then device faults (the order of `scenario --list`). */
export const SCENARIOS: readonly Scenario[] = [
  gasLeak,
  waterBurst,
  rainstorm,
  bridgeOverload,
  tunnelIngress,
  offline,
  stuck,
  spike,
  drift,
  duplicates,
  outOfOrder,
  malformed,
  backlog,
];

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}

/** `scenario --list`: one aligned line per scenario. */
export function scenarioList(): string {
  const width = Math.max(...SCENARIOS.map((s) => s.name.length));
  return SCENARIOS.map((s) => `${s.name.padEnd(width)}  ${s.summary}`).join('\n');
}
