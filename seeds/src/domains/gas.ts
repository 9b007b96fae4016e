import type { AdjacentSpaceKind, PipeMaterial, PressureClass } from '#contracts';
import { lineAsset, makeDevice, midpoint, pointAsset } from '../asset-factory.js';
import { corrosionEnv, householdsServed, installYear, leakRepairs, locationAttributes } from '../census.js';
import { PROFILES } from '../device-profiles.js';
import { inOldSettlement, type StreetEdge } from '../district.js';
import { type Xy, besideSegment, distance } from '../geo.js';
import type { AssetFeature, DomainSeed, SeedAttributes } from '../types.js';
import { type SampleContext, chooseEdges, edgeLabel } from './context.js';
import { WORKED_EXAMPLE_LINE, buildWorkedExample } from './gas-worked-example.js';

/**
 * Gas (DOMAIN.md §a.1): regulator stations, medium/low-pressure mains laid along the streets, and the
 * sewer/power/telecom manholes within 5 m of them (相邻地下空间) where gas detectors sit.
 */
const REGULATORS: readonly { name: string; at: Xy }[] = [
  { name: '滨河路经一路调压站', at: [-3540, -1190] },
  { name: '纬三路经三路调压站', at: [-1760, 1060] },
  { name: '纬一路中央大道调压站', at: [60, -440] },
  { name: '纬五路经七路调压站', at: [1860, 2560] },
  { name: '纬二路经八路调压站', at: [2760, 310] },
  { name: '纬六路经四路调压站', at: [-860, 3190] },
];

/** Mains besides the worked example and its continuation. */
const OTHER_MAINS = 44;

const PRESSURE_LABEL: Record<PressureClass, string> = {
  low: '低压',
  medium_b: '中压B',
  medium_a: '中压A',
  sub_high: '次高压',
  high: '高压',
};

/** DN by pressure class: distribution mains are DN100–DN400 (sample-city ASSUMPTION). */
const DIAMETERS: Record<'low' | 'medium_b' | 'medium_a', readonly (readonly [number, number])[]> = {
  medium_a: [
    [300, 3],
    [400, 2],
    [200, 1],
  ],
  medium_b: [
    [200, 3],
    [300, 1],
    [150, 2],
  ],
  low: [
    [100, 2],
    [150, 2],
  ],
};

/** Monitored manholes per main: mostly two (weights, ASSUMPTION). */
const MANHOLE_COUNTS: readonly (readonly [number, number])[] = [
  [0, 1],
  [1, 2],
  [2, 4],
  [3, 2],
];

const SPACE_NAMES: Record<AdjacentSpaceKind, string> = {
  sewer: '污水井',
  power: '电力井',
  telecom: '通信井',
  heating: '热力井',
  basement: '地下室',
  utility_tunnel: '管廊',
};

export function buildGas(ctx: SampleContext): DomainSeed {
  const seed: DomainSeed = { assets: [], devices: [] };
  const regulators = REGULATORS.map((r) => {
    const id = ctx.assetIds.next('GAS-RS');
    const attributes = {
      ...locationAttributes([r.at]),
      pressure_class: 'medium_a' as const,
      install_year: installYear(ctx.prng, r.at),
    };
    seed.assets.push(
      pointAsset({ id, domain: 'gas', kind: 'regulator_station', name: r.name, attributes }, r.at),
    );
    seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.gasPressure, id, r.name));
    return { id, at: r.at };
  });
  const nearestRegulator = (p: Xy): string =>
    regulators.reduce((best, r) => (distance(r.at, p) < distance(best.at, p) ? r : best)).id;

  const worked = buildWorkedExample(ctx.assetIds, ctx.deviceIds, nearestRegulator(WORKED_EXAMPLE_LINE[0]));
  seed.assets.push(...worked.assets);
  seed.devices.push(...worked.devices);

  // The rest of the worked example's block (纬一路, x −3120 → −2700) is a separate, younger segment.
  const workedEdge = ctx.edges.find((e) => e.street === '纬一路' && e.a[0] === WORKED_EXAMPLE_LINE[0][0]);
  if (!workedEdge) throw new Error('grid has no 纬一路 edge at 经一路');
  const continuation: StreetEdge = { ...workedEdge, id: `${workedEdge.id}b`, a: WORKED_EXAMPLE_LINE[1] };
  const others = chooseEdges(ctx, OTHER_MAINS, (e) => e.id !== workedEdge.id);
  for (const edge of [continuation, ...others]) {
    addMain(ctx, seed, edge, nearestRegulator(midpoint(edge.a, edge.b)));
  }
  return seed;
}

function pressureClassFor(ctx: SampleContext, edge: StreetEdge): 'low' | 'medium_b' | 'medium_a' {
  if (edge.arterial) return 'medium_a';
  return ctx.prng.weighted([
    ['medium_b', 3],
    ['low', 1],
  ] as const);
}

function materialFor(ctx: SampleContext, at: Xy, diameter: number): PipeMaterial {
  if (inOldSettlement(at)) {
    return ctx.prng.weighted([
      ['grey_cast_iron', 4],
      ['bare_steel', 3],
      ['ductile_iron', 2],
      ['coated_steel', 1],
    ] as const);
  }
  // PE dominates the smaller new-town mains; large medium-A mains are mostly coated steel.
  return diameter <= 250
    ? ctx.prng.weighted([
        ['pe', 7],
        ['coated_steel', 3],
      ] as const)
    : ctx.prng.weighted([
        ['pe', 4],
        ['coated_steel', 6],
      ] as const);
}

interface MainDraw {
  pressureClass: 'low' | 'medium_b' | 'medium_a';
  diameter: number;
  manholes: number;
  attributes: SeedAttributes;
}

/** The census of one main (DOMAIN.md §b.1 drivers), drawn from the domain's PRNG stream. */
function drawMain(ctx: SampleContext, edge: StreetEdge): MainDraw {
  const { prng } = ctx;
  const mid = midpoint(edge.a, edge.b);
  const pressureClass = pressureClassFor(ctx, edge);
  const diameter = prng.weighted(DIAMETERS[pressureClass]);
  const material = materialFor(ctx, mid, diameter);
  const year = installYear(prng, mid);
  const location = locationAttributes([edge.a, edge.b], edge.street);
  const manholes = prng.weighted(MANHOLE_COUNTS);
  // Unmonitored spaces (basements, cable pits) add to the census count beside the monitored manholes.
  const extra = location.population_density === 'low' ? prng.int(0, 2) : prng.int(0, 5);
  const attributes: SeedAttributes = {
    ...location,
    material,
    install_year: year,
    diameter_mm: diameter,
    pressure_class: pressureClass,
    burial_depth_m: Math.round(prng.float(0.9, 1.6) * 10) / 10,
    adjacent_spaces: Math.min(8, manholes + extra),
    leak_repairs_5y: leakRepairs(prng, material, year),
    corrosion_env: corrosionEnv(prng, mid),
    arterial_road: edge.arterial,
  };
  return { pressureClass, diameter, manholes, attributes };
}

/** One main with its adjacent manholes, their detectors and, on the busier mains, a pressure monitor. */
function addMain(ctx: SampleContext, seed: DomainSeed, edge: StreetEdge, regulatorId: string): void {
  const draw = drawMain(ctx, edge);
  const id = ctx.assetIds.next('GAS-SEG');
  const name = `${edgeLabel(edge)} DN${draw.diameter} ${PRESSURE_LABEL[draw.pressureClass]}燃气管段`;
  const input = {
    id,
    domain: 'gas' as const,
    kind: 'pipeline_segment' as const,
    name,
    parentId: regulatorId,
    attributes: draw.attributes,
  };
  const main = lineAsset(input, [edge.a, edge.b]);
  const attrs = main.properties.attributes;
  attrs.households_served = householdsServed(main.properties.lengthM ?? 0, attrs.population_density);
  seed.assets.push(main);
  const kinds = addManholes(
    ctx,
    seed,
    edge,
    { id, year: draw.attributes.install_year ?? 2010 },
    draw.manholes,
  );
  if (kinds.length > 0) attrs.adjacent_space_kinds = kinds;
  if (draw.pressureClass === 'medium_a' || ctx.prng.chance(0.15)) {
    seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.gasPressure, id, name));
  }
}

/** Adjacent manholes of a main, each with a detector; built with the main, so of its age. */
function addManholes(
  ctx: SampleContext,
  seed: DomainSeed,
  edge: StreetEdge,
  main: { id: string; year: number },
  count: number,
): AdjacentSpaceKind[] {
  const kinds = new Set<AdjacentSpaceKind>();
  for (let i = 0; i < count; i++) {
    const kind = ctx.prng.weighted([
      ['sewer', 3],
      ['power', 2],
      ['telecom', 2],
      ['heating', 1],
    ] as const);
    const side = (i % 2 === 0 ? 1 : -1) * ctx.prng.float(2, 4.5);
    const at = besideSegment(edge.a, edge.b, (i + 1) / (count + 1), side);
    const id = ctx.assetIds.next('GAS-MH');
    const name = `${edge.street} ${SPACE_NAMES[kind]} ${id.slice(-4)}`;
    const attributes = {
      ...locationAttributes([at], edge.street),
      adjacent_space_kinds: [kind],
      install_year: main.year,
      burial_depth_m: Math.round(ctx.prng.float(1.5, 3.5) * 10) / 10,
    };
    const manhole: AssetFeature = pointAsset(
      { id, domain: 'gas', kind: 'manhole', name, parentId: main.id, attributes },
      at,
    );
    seed.assets.push(manhole);
    const profile = ctx.prng.chance(0.25) ? PROFILES.gasManholeCover : PROFILES.gasManhole;
    seed.devices.push(makeDevice(ctx.deviceIds, profile, id, name));
    kinds.add(kind);
  }
  return [...kinds].sort();
}
