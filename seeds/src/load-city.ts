import { DOMAINS, type Domain } from '#contracts';
import { IdAllocator, makeDevice } from './asset-factory.js';
import { gridEdges } from './district.js';
import { districtMap } from './district-map.js';
import { type LoadAsset, loadAsset } from './load-assets.js';
import { OWNER_UNITS } from './owner-units.js';
import { Prng } from './prng.js';
import type { SeedCity, SeedDevice } from './types.js';

/**
 * Share of assets per domain in the load-test city, roughly the mix of a real lifeline programme
 * (gas adjacent spaces dominate the device counts, DOMAIN.md §d: Hefei 508 of its warnings were gas).
 */
const DOMAIN_SHARE: Readonly<Record<Domain, number>> = {
  gas: 0.35,
  water: 0.2,
  drainage: 0.2,
  heating: 0.15,
  tunnel: 0.06,
  bridge: 0.04,
};

/** Splits `total` by `shares` with the largest-remainder method, at least one per domain. */
export function allocate(total: number, shares: Readonly<Record<Domain, number>>): Record<Domain, number> {
  if (!Number.isInteger(total) || total < DOMAINS.length) {
    throw new RangeError(`need at least ${DOMAINS.length} assets (one per domain), got ${total}`);
  }
  const spare = total - DOMAINS.length;
  const exact = DOMAINS.map((d) => ({ d, v: spare * shares[d] }));
  const counts = Object.fromEntries(exact.map(({ d, v }) => [d, 1 + Math.floor(v)])) as Record<
    Domain,
    number
  >;
  let left = total - Object.values(counts).reduce((a, b) => a + b, 0);
  for (const { d } of [...exact].sort((a, b) => (b.v % 1) - (a.v % 1) || a.d.localeCompare(b.d))) {
    if (left-- <= 0) break;
    counts[d]++;
  }
  return counts;
}

/** Digits needed so ids of `count` items stay fixed-width (at least 4, as in the sample city). */
const widthFor = (count: number): number => Math.max(4, String(count).length);

/**
 * A load-test city of exactly `assetCount` assets and `deviceCount` devices on the Kangbashi district:
 * devices are dealt to assets in turn (so every asset has ⌊M/N⌋ or ⌈M/N⌉ devices) and take the device
 * types of their asset's kind in turn. Deterministic in (`assetCount`, `deviceCount`, `seed`).
 */
export function loadCity(assetCount: number, deviceCount: number, seed: number): SeedCity {
  if (!Number.isInteger(deviceCount) || deviceCount < assetCount) {
    throw new RangeError(
      `need at least one device per asset: ${deviceCount} devices for ${assetCount} assets`,
    );
  }
  const root = new Prng(seed);
  const edges = gridEdges();
  const assetIds = new IdAllocator(widthFor(assetCount));
  const deviceIds = new IdAllocator(widthFor(deviceCount));
  const counts = allocate(assetCount, DOMAIN_SHARE);
  const assets: LoadAsset[] = DOMAINS.flatMap((domain) => {
    const prng = root.fork(`load-${domain}`);
    return Array.from({ length: counts[domain] }, (_, n) => loadAsset(prng, assetIds, domain, n, edges));
  });
  const devices: SeedDevice[] = [];
  for (let i = 0; i < deviceCount; i++) {
    const asset = assets[i % assets.length];
    const profile = asset.profiles[Math.floor(i / assets.length) % asset.profiles.length];
    const { id, name } = asset.feature.properties;
    devices.push(makeDevice(deviceIds, profile, id, name));
  }
  return {
    ownerUnits: OWNER_UNITS.map((u) => ({ ...u, domains: [...u.domains] })),
    assets: { type: 'FeatureCollection', features: assets.map((a) => a.feature) },
    devices,
    district: districtMap(),
  };
}
