import type { PipeMaterial } from '#contracts';
import { lineAsset, makeDevice, midpoint, polygonAsset } from '../asset-factory.js';
import { corrosionEnv, householdsServed, installYear, leakRepairs, locationAttributes } from '../census.js';
import { PROFILES } from '../device-profiles.js';
import { inOldSettlement, type StreetEdge } from '../district.js';
import { type Xy, insidePolygon, rectangle } from '../geo.js';
import type { DomainSeed } from '../types.js';
import { type SampleContext, edgeLabel } from './context.js';

/**
 * Water supply (DOMAIN.md §a.3): the network is split into district metered areas (DMA 计量分区), each
 * with an inlet flow meter and a quality probe; every main monitored in it has a pressure point and two
 * acoustic loggers (leaks are confirmed when neighbouring loggers corroborate, §a.3).
 */
const DMAS: readonly { name: string; ring: Xy[] }[] = [
  { name: '滨河西 DMA', ring: rectangle(-3700, -1300, -1200, 1000) },
  { name: '滨河中 DMA', ring: rectangle(-1200, -1300, 1200, 1000) },
  { name: '滨河东 DMA', ring: rectangle(1200, -1300, 3700, 1000) },
  { name: '北区西 DMA', ring: rectangle(-3700, 1000, -1200, 3300) },
  { name: '北区中 DMA', ring: rectangle(-1200, 1000, 1200, 3300) },
  { name: '北区东 DMA', ring: rectangle(1200, 1000, 3700, 3300) },
];

/** Monitored mains per DMA. */
const MAINS_PER_DMA = 6;
const LOGGERS_PER_MAIN = 2;

export function buildWater(ctx: SampleContext): DomainSeed {
  const seed: DomainSeed = { assets: [], devices: [] };
  for (const dma of DMAS) {
    const id = ctx.assetIds.next('WAT-DMA');
    const centre = midpoint(dma.ring[0], dma.ring[2]);
    const attributes = { ...locationAttributes([centre]), households_served: ctx.prng.int(20, 60) * 100 };
    seed.assets.push(
      polygonAsset({ id, domain: 'water', kind: 'dma_zone', name: dma.name, attributes }, dma.ring),
    );
    seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.waterFlow, id, `${dma.name} 入口`));
    seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.waterQuality, id, `${dma.name} 末梢`));
    // The critical (least favourable) point, where the ≥ 0.14 MPa end-pressure standard applies (§a.3 [S21]).
    seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.waterPressure, id, `${dma.name} 最不利点`));
    // A main belongs to the DMA its midpoint lies in (boundary mains are metered on one side only).
    const inside = ctx.edges.filter((e) => insidePolygon(midpoint(e.a, e.b), dma.ring));
    for (const edge of ctx.prng.shuffled(inside).slice(0, MAINS_PER_DMA)) addMain(ctx, seed, edge, id);
  }
  return seed;
}

function materialFor(ctx: SampleContext, at: Xy, diameter: number): PipeMaterial {
  if (inOldSettlement(at))
    return ctx.prng.weighted([
      ['grey_cast_iron', 3],
      ['ductile_iron', 3],
      ['pe', 1],
    ] as const);
  return diameter <= 200
    ? ctx.prng.weighted([
        ['pe', 3],
        ['ductile_iron', 2],
      ] as const)
    : 'ductile_iron';
}

function addMain(ctx: SampleContext, seed: DomainSeed, edge: StreetEdge, dmaId: string): void {
  const { prng } = ctx;
  const mid = midpoint(edge.a, edge.b);
  const diameter = edge.arterial ? prng.pick([400, 500, 600]) : prng.pick([150, 200, 300]);
  const material = materialFor(ctx, mid, diameter);
  const year = installYear(prng, mid);
  const location = locationAttributes([edge.a, edge.b], edge.street);
  const id = ctx.assetIds.next('WAT-SEG');
  const name = `${edgeLabel(edge)} DN${diameter} 供水干管`;
  const main = lineAsset(
    {
      id,
      domain: 'water',
      kind: 'pipeline_segment',
      name,
      parentId: dmaId,
      attributes: {
        ...location,
        material,
        install_year: year,
        diameter_mm: diameter,
        burial_depth_m: Math.round(prng.float(1.4, 2.2) * 10) / 10,
        leak_repairs_5y: leakRepairs(prng, material, year),
        corrosion_env: corrosionEnv(prng, mid),
        arterial_road: edge.arterial,
      },
    },
    [edge.a, edge.b],
  );
  main.properties.attributes.households_served = householdsServed(
    main.properties.lengthM ?? 0,
    location.population_density,
  );
  seed.assets.push(main);
  seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.waterPressure, id, name));
  for (let i = 0; i < LOGGERS_PER_MAIN; i++)
    seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.waterAcoustic, id, `${name} #${i + 1}`));
}
