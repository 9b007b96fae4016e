import { lineAsset, makeDevice } from '../asset-factory.js';
import { locationAttributes } from '../census.js';
import { PROFILES } from '../device-profiles.js';
import type { StreetEdge } from '../district.js';
import type { Xy } from '../geo.js';
import type { DomainSeed } from '../types.js';
import { type SampleContext, edgeLabel } from './context.js';

/**
 * Utility tunnels (综合管廊, DOMAIN.md §a.6) under the two arterial axes, split into block-long sections
 * (防火分区). Each section has an environment monitor per cabin, a gas-cabin monitor where gas shares the
 * tunnel (GB 50838 alarm ≤ 20 %LEL, §a.6) and a sump level gauge.
 */
type Cabin = 'gas' | 'power' | 'water' | 'heating' | 'telecom';

interface TunnelSpec {
  name: string;
  street: string;
  year: number;
  cabins: Cabin[];
}

const TUNNELS: readonly TunnelSpec[] = [
  {
    name: '中央大道综合管廊',
    street: '中央大道',
    year: 2012,
    cabins: ['gas', 'heating', 'power', 'telecom', 'water'],
  },
  { name: '纬三路综合管廊', street: '纬三路', year: 2015, cabins: ['power', 'telecom', 'water'] },
];

export function buildTunnels(ctx: SampleContext): DomainSeed {
  const seed: DomainSeed = { assets: [], devices: [] };
  for (const spec of TUNNELS) {
    const sections = ctx.edges.filter((e) => e.street === spec.street);
    const line: Xy[] = [sections[0].a, ...sections.map((e) => e.b)];
    const tunnelId = ctx.assetIds.next('TUN');
    const attributes = {
      ...locationAttributes(line, spec.street),
      install_year: spec.year,
      cabins: spec.cabins,
      arterial_road: true,
    };
    seed.assets.push(
      lineAsset(
        { id: tunnelId, domain: 'tunnel', kind: 'utility_tunnel', name: spec.name, attributes },
        line,
      ),
    );
    sections.forEach((edge, i) => addSection(ctx, seed, spec, edge, tunnelId, i + 1));
  }
  return seed;
}

function addSection(
  ctx: SampleContext,
  seed: DomainSeed,
  spec: TunnelSpec,
  edge: StreetEdge,
  tunnelId: string,
  n: number,
): void {
  const id = ctx.assetIds.next('TUN-SEC');
  const name = `${spec.name} 第${n}舱段（${edgeLabel(edge)}）`;
  const attributes = {
    ...locationAttributes([edge.a, edge.b], edge.street),
    install_year: spec.year,
    cabins: spec.cabins,
    burial_depth_m: Math.round(ctx.prng.float(3, 5) * 10) / 10,
    // Heating and power cabins share the section's adjacent spaces with the gas cabin (§b.1).
    adjacent_spaces: spec.cabins.length - 1,
    arterial_road: true,
  };
  seed.assets.push(
    lineAsset({ id, domain: 'tunnel', kind: 'tunnel_section', name, parentId: tunnelId, attributes }, [
      edge.a,
      edge.b,
    ]),
  );
  seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.tunnelEnv, id, `${name} 电力舱`));
  seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.tunnelEnv, id, `${name} 综合舱`));
  if (spec.cabins.includes('heating'))
    seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.tunnelEnv, id, `${name} 热力舱`));
  if (spec.cabins.includes('gas'))
    seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.tunnelGasCabin, id, `${name} 燃气舱`));
  seed.devices.push(makeDevice(ctx.deviceIds, PROFILES.tunnelSump, id, `${name} 集水坑`));
}
