import type { PipeMaterial } from '#contracts';
import { lineAsset, makeDevice, midpoint, pointAsset } from '../asset-factory.js';
import { installYear, leakRepairs, locationAttributes } from '../census.js';
import { PROFILES } from '../device-profiles.js';
import type { StreetEdge } from '../district.js';
import { type Xy, distanceToPolyline, lerp } from '../geo.js';
import { LOW_SPOTS } from '../landmarks.js';
import type { DomainSeed, SeedAttributes } from '../types.js';
import { type SampleContext, chooseEdges, edgeLabel } from './context.js';

/**
 * Drainage (DOMAIN.md §a.4): storm sewers running south to two riverside pumping stations, radar level
 * gauges in their manholes, flow meters, rain gauges and road-ponding sensors at the low spots.
 */
const PUMP_STATIONS: readonly { name: string; at: Xy }[] = [
  { name: '滨河西雨水泵站', at: [-1350, -1340] },
  { name: '滨河东雨水泵站', at: [1350, -1340] },
];

/** Mostly north–south lines: the town drains by gravity towards the river. */
const NS_LINES = 24;
const EW_LINES = 12;
const MANHOLES_PER_LINE = 3;
/** One line in three carries a flow meter; one level gauge in three also measures H2S. */
const FLOW_METER_SHARE = 1 / 3;
const H2S_SHARE = 1 / 3;

/** A storm line as built: its id, name and shape in the local frame. */
interface Line {
  id: string;
  name: string;
  xy: Xy[];
}

export function buildDrainage(ctx: SampleContext): DomainSeed {
  const seed: DomainSeed = { assets: [], devices: [] };
  const stations = PUMP_STATIONS.map((s) => {
    const id = ctx.assetIds.next('DRN-PS');
    const attributes = { ...locationAttributes([s.at]), install_year: installYear(ctx.prng, s.at) };
    seed.assets.push(
      pointAsset({ id, domain: 'drainage', kind: 'pump_station', name: s.name, attributes }, s.at),
    );
    seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.rainGauge, id, s.name));
    seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.drainFlow, id, `${s.name} 进水`));
    return { id, at: s.at };
  });
  const catchment = (p: Xy): string =>
    stations.reduce((best, s) => (Math.abs(s.at[0] - p[0]) < Math.abs(best.at[0] - p[0]) ? s : best)).id;
  const edges = [
    ...chooseEdges(ctx, NS_LINES, (e) => e.axis === 'ns'),
    ...chooseEdges(ctx, EW_LINES, (e) => e.axis === 'ew'),
  ];
  const lines = edges.map((edge) => addLine(ctx, seed, edge, catchment(midpoint(edge.a, edge.b))));
  addPondingPoints(ctx, seed, lines);
  addNorthernRainGauges(ctx, seed, lines);
  return seed;
}

function materialFor(ctx: SampleContext, diameter: number): PipeMaterial {
  return diameter >= 1000
    ? 'reinforced_concrete'
    : ctx.prng.weighted([
        ['concrete', 2],
        ['pe', 2],
        ['reinforced_concrete', 1],
      ] as const);
}

function addLine(ctx: SampleContext, seed: DomainSeed, edge: StreetEdge, stationId: string): Line {
  const { prng } = ctx;
  const mid = midpoint(edge.a, edge.b);
  const diameter = edge.arterial ? prng.pick([1200, 1500]) : prng.pick([600, 800, 1000]);
  const material = materialFor(ctx, diameter);
  const year = installYear(prng, mid);
  const id = ctx.assetIds.next('DRN-SEG');
  const name = `${edgeLabel(edge)} DN${diameter} 雨水管线`;
  // Sewers run from the higher (northern / outer) end down towards the river.
  const line: Xy[] = edge.axis === 'ns' ? [edge.b, edge.a] : [edge.a, edge.b];
  const attributes: SeedAttributes = {
    ...locationAttributes(line, edge.street),
    material,
    install_year: year,
    diameter_mm: diameter,
    burial_depth_m: Math.round(prng.float(2.5, 4.5) * 10) / 10,
    leak_repairs_5y: leakRepairs(prng, material, year),
    arterial_road: edge.arterial,
  };
  const feature = lineAsset(
    { id, domain: 'drainage', kind: 'pipeline_segment', name, parentId: stationId, attributes },
    line,
  );
  seed.assets.push(feature);
  if (prng.chance(FLOW_METER_SHARE))
    seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.drainFlow, id, name));
  const depth = attributes.burial_depth_m ?? 3;
  addLineManholes(ctx, seed, { id, street: edge.street, xy: line, depth, diameter, year });
  return { id, name, xy: line };
}

/** What the manholes of a line inherit from it. */
interface LineFacts {
  id: string;
  street: string;
  xy: Xy[];
  depth: number;
  diameter: number;
  year: number;
}

/** Radar level gauges in the line's manholes, some also measuring H2S (§a.4). */
function addLineManholes(ctx: SampleContext, seed: DomainSeed, line: LineFacts): void {
  for (let i = 0; i < MANHOLES_PER_LINE; i++) {
    const at = lerp(line.xy[0], line.xy[1], (i + 1) / (MANHOLES_PER_LINE + 1));
    const id = ctx.assetIds.next('DRN-MH');
    const name = `${line.street} 雨水检查井 ${id.slice(-4)}`;
    // Manhole depth = pipe invert depth plus a little for the sump (ASSUMPTION).
    const attributes = {
      ...locationAttributes([at], line.street),
      material: 'concrete' as const,
      install_year: line.year,
      burial_depth_m: Math.round((line.depth + ctx.prng.float(0.1, 0.4)) * 10) / 10,
      diameter_mm: line.diameter,
    };
    seed.assets.push(
      pointAsset({ id, domain: 'drainage', kind: 'manhole', name, parentId: line.id, attributes }, at),
    );
    const profile = ctx.prng.chance(H2S_SHARE) ? PROFILES.drainLevelGas : PROFILES.drainLevel;
    seed.devices.push(makeDevice(ctx.deviceIds, profile, id, name));
  }
}

/** Ponding sensors at the low spots, each attached to the nearest storm line (its catchment). */
function addPondingPoints(ctx: SampleContext, seed: DomainSeed, lines: readonly Line[]): void {
  for (const spot of LOW_SPOTS) {
    const nearest = lines.reduce((best, l) =>
      distanceToPolyline(spot.at, l.xy) < distanceToPolyline(spot.at, best.xy) ? l : best,
    );
    const id = ctx.assetIds.next('DRN-PND');
    const attributes = { ...locationAttributes([spot.at]), arterial_road: true };
    seed.assets.push(
      pointAsset(
        { id, domain: 'drainage', kind: 'ponding_point', name: spot.name, parentId: nearest.id, attributes },
        spot.at,
      ),
    );
    seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.ponding, id, spot.name));
  }
}

/** Two more rain gauges on the northernmost lines, so rainfall is measured across the town (§a.4). */
function addNorthernRainGauges(ctx: SampleContext, seed: DomainSeed, lines: readonly Line[]): void {
  const north = [...lines]
    .map((l) => ({ ...l, top: Math.max(...l.xy.map((p) => p[1])) }))
    .sort((a, b) => b.top - a.top || a.id.localeCompare(b.id))
    .slice(0, 2);
  for (const line of north)
    seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.rainGauge, line.id, line.name));
}
