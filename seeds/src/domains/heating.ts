import { lineAsset, makeDevice, midpoint, pointAsset } from '../asset-factory.js';
import { corrosionEnv, householdsServed, installYear, leakRepairs, locationAttributes } from '../census.js';
import { PROFILES } from '../device-profiles.js';
import { inOldSettlement, type StreetEdge } from '../district.js';
import { type Xy, besideSegment, distance } from '../geo.js';
import type { DomainSeed, SeedAttributes } from '../types.js';
import { type SampleContext, chooseEdges, edgeLabel } from './context.js';

/**
 * Heating (DOMAIN.md §a.2): heat-exchange stations, the primary hot-water network along the streets, and
 * its inspection wells (检查井). Design life 30 years for hot-water pipe (§a.2, GB 55010 [S18]).
 */
const STATIONS: readonly { name: string; at: Xy }[] = [
  { name: '滨河换热站', at: [-2640, -450] },
  { name: '哈巴格希换热站', at: [-840, 2560] },
  { name: '康新换热站', at: [960, 1060] },
  { name: '青春山换热站', at: [2760, 2560] },
];

const SEGMENTS = 30;
/** Monitored inspection wells per segment: mostly two (weights, ASSUMPTION). */
const WELL_COUNTS: readonly (readonly [number, number])[] = [
  [1, 1],
  [2, 3],
];
const HOT_WATER_DESIGN_LIFE_Y = 30;

export function buildHeating(ctx: SampleContext): DomainSeed {
  const seed: DomainSeed = { assets: [], devices: [] };
  const stations = STATIONS.map((s) => {
    const id = ctx.assetIds.next('HEAT-STN');
    const attributes = {
      ...locationAttributes([s.at]),
      install_year: installYear(ctx.prng, s.at),
      design_life_years: HOT_WATER_DESIGN_LIFE_Y,
    };
    seed.assets.push(
      pointAsset({ id, domain: 'heating', kind: 'heat_station', name: s.name, attributes }, s.at),
    );
    seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.heatMakeup, id, s.name));
    return { id, at: s.at };
  });
  const nearest = (p: Xy): string =>
    stations.reduce((best, s) => (distance(s.at, p) < distance(best.at, p) ? s : best)).id;
  for (const edge of chooseEdges(ctx, SEGMENTS))
    addSegment(ctx, seed, edge, nearest(midpoint(edge.a, edge.b)));
  return seed;
}

/** One primary-network segment with its monitoring point and inspection wells. */
function addSegment(ctx: SampleContext, seed: DomainSeed, edge: StreetEdge, stationId: string): void {
  const { prng } = ctx;
  const mid = midpoint(edge.a, edge.b);
  const year = installYear(prng, mid);
  // Pre-insulated coated steel since the new town; the old settlement still has some bare steel in trench.
  const material = inOldSettlement(mid) && prng.chance(0.5) ? 'bare_steel' : 'coated_steel';
  const diameter = edge.arterial ? prng.pick([400, 500, 600]) : prng.pick([200, 250, 300]);
  const id = ctx.assetIds.next('HEAT-SEG');
  const name = `${edgeLabel(edge)} DN${diameter} 一级热网管段`;
  const wells = prng.weighted(WELL_COUNTS);
  const attributes: SeedAttributes = {
    ...locationAttributes([edge.a, edge.b], edge.street),
    material,
    install_year: year,
    design_life_years: HOT_WATER_DESIGN_LIFE_Y,
    diameter_mm: diameter,
    burial_depth_m: Math.round(prng.float(1.2, 2.0) * 10) / 10,
    adjacent_spaces: wells + prng.int(0, 3),
    adjacent_space_kinds: ['heating'],
    leak_repairs_5y: leakRepairs(prng, material, year),
    corrosion_env: corrosionEnv(prng, mid),
    arterial_road: edge.arterial,
  };
  const segment = lineAsset(
    { id, domain: 'heating', kind: 'pipeline_segment', name, parentId: stationId, attributes },
    [edge.a, edge.b],
  );
  // ASSUMPTION: a heating main serves about twice the households per metre that a water main does.
  attributes.households_served =
    householdsServed(segment.properties.lengthM ?? 0, attributes.population_density) * 2;
  seed.assets.push(segment);
  seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.heatNetwork, id, name));
  addWells(ctx, seed, edge, id, wells, year);
}

function addWells(
  ctx: SampleContext,
  seed: DomainSeed,
  edge: StreetEdge,
  segmentId: string,
  count: number,
  year: number,
): void {
  for (let i = 0; i < count; i++) {
    const at = besideSegment(edge.a, edge.b, (i + 1) / (count + 1), 1.5);
    const id = ctx.assetIds.next('HEAT-WELL');
    const name = `${edge.street} 热力检查井 ${id.slice(-4)}`;
    const attributes = {
      ...locationAttributes([at], edge.street),
      install_year: year,
      burial_depth_m: Math.round(ctx.prng.float(2, 3.2) * 10) / 10,
    };
    seed.assets.push(
      pointAsset(
        { id, domain: 'heating', kind: 'inspection_well', name, parentId: segmentId, attributes },
        at,
      ),
    );
    seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.heatWell, id, name));
  }
}
