import type { Domain } from '#contracts';
import { type AssetInput, type IdAllocator, lineAsset, pointAsset } from './asset-factory.js';
import { corrosionEnv, installYear, leakRepairs, locationAttributes } from './census.js';
import { type DeviceProfile, PROFILES } from './device-profiles.js';
import { type StreetEdge, riverHalfWidth, riverY } from './district.js';
import { type Xy, besideSegment, lerp } from './geo.js';
import type { Prng } from './prng.js';
import type { AssetFeature, AssetKind, SeedAttributes } from './types.js';

/**
 * Assets of the load-test city: monitoring points and short pipe runs scattered along the same street
 * grid as the sample city, with census attributes drawn from the same helpers so the risk engine has
 * realistic work to do at scale.
 */
interface KindSpec {
  kind: AssetKind;
  prefix: string;
  label: string;
  /** Device types put on an asset of this kind, used in turn. */
  profiles: readonly DeviceProfile[];
}

export const LOAD_KINDS: Readonly<Record<Domain, readonly KindSpec[]>> = {
  gas: [
    {
      kind: 'manhole',
      prefix: 'GAS-MH',
      label: '燃气相邻窨井',
      profiles: [PROFILES.gasManhole, PROFILES.gasManholeCover],
    },
    {
      kind: 'pipeline_segment',
      prefix: 'GAS-SEG',
      label: '燃气管段',
      profiles: [PROFILES.gasPressure, PROFILES.gasManhole],
    },
  ],
  heating: [
    {
      kind: 'pipeline_segment',
      prefix: 'HEAT-SEG',
      label: '热网管段',
      profiles: [PROFILES.heatNetwork, PROFILES.heatWell],
    },
    { kind: 'inspection_well', prefix: 'HEAT-WELL', label: '热力检查井', profiles: [PROFILES.heatWell] },
  ],
  water: [
    {
      kind: 'pipeline_segment',
      prefix: 'WAT-SEG',
      label: '供水干管',
      profiles: [PROFILES.waterPressure, PROFILES.waterAcoustic, PROFILES.waterFlow, PROFILES.waterQuality],
    },
  ],
  drainage: [
    {
      kind: 'manhole',
      prefix: 'DRN-MH',
      label: '雨水检查井',
      profiles: [PROFILES.drainLevel, PROFILES.drainLevelGas],
    },
    {
      kind: 'pipeline_segment',
      prefix: 'DRN-SEG',
      label: '雨水管线',
      profiles: [PROFILES.drainFlow, PROFILES.rainGauge],
    },
    { kind: 'ponding_point', prefix: 'DRN-PND', label: '积水点', profiles: [PROFILES.ponding] },
  ],
  bridge: [
    {
      kind: 'bridge',
      prefix: 'BRG',
      label: '桥梁',
      profiles: [
        PROFILES.bridgeStrain,
        PROFILES.bridgeDeflection,
        PROFILES.bridgeAccel,
        PROFILES.bridgeTilt,
        PROFILES.bridgeCrack,
        PROFILES.bridgeWim,
      ],
    },
  ],
  tunnel: [
    {
      kind: 'tunnel_section',
      prefix: 'TUN-SEC',
      label: '管廊舱段',
      profiles: [PROFILES.tunnelEnv, PROFILES.tunnelGasCabin, PROFILES.tunnelSump],
    },
  ],
};

export interface LoadAsset {
  feature: AssetFeature;
  profiles: readonly DeviceProfile[];
}

/** The `n`-th asset of `domain` (kinds used in turn), placed on a random street edge. */
export function loadAsset(
  prng: Prng,
  ids: IdAllocator,
  domain: Domain,
  n: number,
  edges: readonly StreetEdge[],
): LoadAsset {
  const spec = LOAD_KINDS[domain][n % LOAD_KINDS[domain].length];
  const edge = prng.pick(edges);
  const id = ids.next(spec.prefix);
  const name = `${edge.street} ${spec.label} ${id.slice(spec.prefix.length + 1)}`;
  if (spec.kind === 'bridge') return { feature: loadBridge(prng, id, name), profiles: spec.profiles };
  const f = prng.float(0, 0.6);
  const linear = spec.kind === 'pipeline_segment' || spec.kind === 'tunnel_section';
  const shape: Xy[] = linear
    ? [lerp(edge.a, edge.b, f), lerp(edge.a, edge.b, f + prng.float(0.15, 0.4))]
    : [besideSegment(edge.a, edge.b, f, 3)];
  const input: AssetInput = {
    id,
    domain,
    kind: spec.kind,
    name,
    attributes: attributesFor(prng, domain, shape, edge),
  };
  const feature = linear ? lineAsset(input, shape) : pointAsset(input, shape[0]);
  return { feature, profiles: spec.profiles };
}

function attributesFor(prng: Prng, domain: Domain, shape: readonly Xy[], edge: StreetEdge): SeedAttributes {
  const at = shape[0];
  const year = installYear(prng, at);
  const base: SeedAttributes = {
    ...locationAttributes(shape, edge.street),
    install_year: year,
    arterial_road: edge.arterial,
  };
  if (domain === 'tunnel') return { ...base, cabins: ['power', 'telecom', 'water'] };
  const material =
    domain === 'drainage'
      ? 'concrete'
      : prng.weighted([
          ['pe', 4],
          ['coated_steel', 3],
          ['ductile_iron', 2],
          ['grey_cast_iron', 1],
        ] as const);
  return {
    ...base,
    material,
    diameter_mm: prng.pick([100, 150, 200, 300, 400]),
    ...(domain === 'gas' ? { pressure_class: prng.pick(['low', 'medium_b', 'medium_a'] as const) } : {}),
    adjacent_spaces: prng.int(0, 8),
    leak_repairs_5y: leakRepairs(prng, material, year),
    corrosion_env: corrosionEnv(prng, at),
  };
}

/** A bridge across the river at a random x, with its design values (DOMAIN.md §a.5 L/600). */
function loadBridge(prng: Prng, id: string, name: string): AssetFeature {
  const x = Math.round(prng.float(-3600, 3600));
  const reach = riverHalfWidth(x) + 40;
  const line: Xy[] = [
    [x, riverY(x) + reach],
    [x, riverY(x) - reach],
  ];
  const span = prng.pick([40, 50, 60, 80, 120]);
  const attributes: SeedAttributes = {
    ...locationAttributes(line),
    install_year: prng.int(2004, 2020),
    span_m: span,
    condition_class: prng.pick([1, 2, 2, 3, 4] as const),
    design_strain_ue: prng.pick([400, 450, 500, 600]),
    deflection_limit_mm: Math.round((span * 1000) / 600),
    daily_traffic: prng.int(5, 40) * 1000,
    arterial_road: true,
  };
  return lineAsset(
    { id, domain: 'bridge', kind: 'bridge', name: name.replace(/^\S+ /, '乌兰木伦河 '), attributes },
    line,
  );
}
