import type { PipeMaterial } from '#contracts';
import { lineAsset, makeDevice } from '../asset-factory.js';
import { locationAttributes } from '../census.js';
import { type DeviceProfile, PROFILES } from '../device-profiles.js';
import { riverHalfWidth, riverY } from '../district.js';
import type { Xy } from '../geo.js';
import type { DomainSeed } from '../types.js';
import type { SampleContext } from './context.js';

/**
 * Bridges over the Wulanmulun river (DOMAIN.md §a.5): one per crossing avenue, each with a structural
 * health monitoring layout in the spirit of the Hefei viaduct (46 sensors on one section, §a.5) scaled to
 * 26 sensors: strain, deflection, acceleration, pier tilt, crack width and weigh-in-motion.
 */
interface BridgeSpec {
  avenue: string;
  x: number;
  type: string;
  material: PipeMaterial;
  spanM: number;
  condition: 1 | 2 | 3 | 4;
  year: number;
  /** Design allowable live-load strain, με (§a.5 rules are % of this). */
  designStrainUe: number;
  dailyTraffic: number;
}

const BRIDGES: readonly BridgeSpec[] = [
  {
    avenue: '经二路',
    x: -2700,
    type: '预应力混凝土连续箱梁桥',
    material: 'prestressed_concrete',
    spanM: 50,
    condition: 2,
    year: 2007,
    designStrainUe: 450,
    dailyTraffic: 12_000,
  },
  {
    avenue: '经四路',
    x: -900,
    type: '预应力混凝土连续梁桥',
    material: 'prestressed_concrete',
    spanM: 40,
    condition: 3,
    year: 2006,
    designStrainUe: 420,
    dailyTraffic: 9_000,
  },
  {
    avenue: '中央大道',
    x: 0,
    type: '钢箱梁斜拉桥',
    material: 'steel_box',
    spanM: 120,
    condition: 1,
    year: 2011,
    designStrainUe: 600,
    dailyTraffic: 38_000,
  },
  {
    avenue: '经六路',
    x: 900,
    type: '钢筋混凝土拱桥',
    material: 'reinforced_concrete',
    spanM: 60,
    condition: 4,
    year: 2004,
    designStrainUe: 400,
    dailyTraffic: 15_000,
  },
  {
    avenue: '经八路',
    x: 2700,
    type: '预应力混凝土连续箱梁桥',
    material: 'prestressed_concrete',
    spanM: 70,
    condition: 2,
    year: 2013,
    designStrainUe: 500,
    dailyTraffic: 20_000,
  },
];

/** Sensors per bridge and where they sit. */
const LAYOUT: readonly { profile: DeviceProfile; places: readonly string[] }[] = [
  {
    profile: PROFILES.bridgeStrain,
    places: [
      '主跨跨中上缘',
      '主跨跨中下缘',
      '主跨L/4上缘',
      '主跨L/4下缘',
      '主跨3L/4上缘',
      '主跨3L/4下缘',
      '北支点上缘',
      '北支点下缘',
      '南支点上缘',
      '南支点下缘',
    ],
  },
  { profile: PROFILES.bridgeDeflection, places: ['主跨跨中', '主跨L/4', '主跨3L/4', '北边跨跨中'] },
  {
    profile: PROFILES.bridgeAccel,
    places: ['主跨跨中竖向', '主跨跨中横向', '主跨L/4竖向', '北边跨跨中竖向'],
  },
  { profile: PROFILES.bridgeTilt, places: ['北主墩', '南主墩'] },
  { profile: PROFILES.bridgeCrack, places: ['北支点腹板', '主跨跨中底板', '南支点腹板', '北桥台'] },
  { profile: PROFILES.bridgeWim, places: ['北引桥入口', '南引桥入口'] },
];

/** Abutments sit 40 m back from the water's edge on each bank. */
const ABUTMENT_SETBACK_M = 40;

export function buildBridges(ctx: SampleContext): DomainSeed {
  const seed: DomainSeed = { assets: [], devices: [] };
  for (const b of BRIDGES) {
    const reach = riverHalfWidth(b.x) + ABUTMENT_SETBACK_M;
    const line: Xy[] = [
      [b.x, riverY(b.x) + reach],
      [b.x, riverY(b.x) - reach],
    ];
    const id = ctx.assetIds.next('BRG');
    const name = `${b.avenue}乌兰木伦河大桥`;
    const attributes = {
      ...locationAttributes(line, b.avenue),
      material: b.material,
      install_year: b.year,
      span_m: b.spanM,
      condition_class: b.condition,
      design_strain_ue: b.designStrainUe,
      // Live-load deflection limit L/600 (§a.5, JTG 3362, MEM).
      deflection_limit_mm: Math.round((b.spanM * 1000) / 600),
      daily_traffic: b.dailyTraffic,
      arterial_road: true,
      notes: b.type,
    };
    seed.assets.push(lineAsset({ id, domain: 'bridge', kind: 'bridge', name, attributes }, line));
    for (const { profile, places } of LAYOUT) {
      for (const place of places)
        seed.devices.push(makeDevice(ctx.deviceIds, profile, id, `${name} ${place}`));
    }
  }
  return seed;
}
