import { MINUTE_MS, blend, envelope, update } from './envelope.js';
import type { Scenario, ScenarioContext } from './types.js';

/**
 * Water ingress into a utility-tunnel section (DOMAIN.md §a.6: sump high level starts the pumps, high-high
 * is orange). A leaking joint outruns the sump pump: the level rises over 20 minutes to 2.0 m above its
 * normal reading — far past the 0.8 m pump-start level of the simulated sumps — while humidity climbs to
 * ~96 %RH (above any design value) and the section cools by 1.5 °C. Neighbouring sections of the same
 * tunnel see humidity rise by 8 %RH. It holds 20 minutes and recedes over 20 once the leak is sealed.
 */
export const SUMP_RISE_M = 2;
const ATTACK_MS = 20 * MINUTE_MS;
const HOLD_MS = 20 * MINUTE_MS;
const RELEASE_MS = 20 * MINUTE_MS;

function modify(metrics: Record<string, number>, ctx: ScenarioContext): Record<string, number> {
  const m = { ...metrics };
  const w = envelope(ctx.elapsedMs, ATTACK_MS, HOLD_MS, RELEASE_MS);
  if (ctx.reach === 'direct') {
    update(m, 'sump_level_m', (v) => v + SUMP_RISE_M * w);
    update(m, 'humidity_pct', (v) => Math.min(100, blend(v, 96, w)));
    update(m, 'temperature_c', (v) => v - 1.5 * w);
  } else {
    update(m, 'humidity_pct', (v) => Math.min(100, v + 8 * w));
  }
  return m;
}

export const tunnelIngress: Scenario = {
  name: 'tunnel-ingress',
  summary:
    'sump level +2 m over 20 min (pump overwhelmed), humidity to ~96 %RH; neighbouring sections +8 %RH',
  domains: ['tunnel'],
  durationMs: ATTACK_MS + HOLD_MS + RELEASE_MS,
  spread: 'zone',
  modify,
};
