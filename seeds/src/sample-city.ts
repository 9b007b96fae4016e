import { IdAllocator } from './asset-factory.js';
import { gridEdges } from './district.js';
import { districtMap } from './district-map.js';
import { buildBridges } from './domains/bridge.js';
import type { SampleContext } from './domains/context.js';
import { buildDrainage } from './domains/drainage.js';
import { buildGas } from './domains/gas.js';
import { buildHeating } from './domains/heating.js';
import { buildTunnels } from './domains/tunnel.js';
import { buildWater } from './domains/water.js';
import { OWNER_UNITS } from './owner-units.js';
import { Prng } from './prng.js';
import type { DomainSeed, SeedCity } from './types.js';

/** Default seed of the published sample city; any other seed gives another, equally valid city. */
export const DEFAULT_SEED = 20_240_501;

const BUILDERS: readonly (readonly [string, (ctx: SampleContext) => DomainSeed])[] = [
  ['gas', buildGas],
  ['heating', buildHeating],
  ['water', buildWater],
  ['drainage', buildDrainage],
  ['bridge', buildBridges],
  ['tunnel', buildTunnels],
];

/**
 * The Kangbashi sample city: six domains laid along one street grid, parents listed before children so
 * the registry can import them in file order. Deterministic: the same seed gives identical output.
 */
export function sampleCity(seed = DEFAULT_SEED): SeedCity {
  const root = new Prng(seed);
  const edges = gridEdges();
  const assetIds = new IdAllocator();
  const deviceIds = new IdAllocator();
  const parts = BUILDERS.map(([label, build]) =>
    build({ prng: root.fork(label), assetIds, deviceIds, edges }),
  );
  return {
    ownerUnits: OWNER_UNITS.map((u) => ({ ...u, domains: [...u.domains] })),
    assets: { type: 'FeatureCollection', features: parts.flatMap((p) => p.assets) },
    devices: parts.flatMap((p) => p.devices),
    district: districtMap(),
  };
}
