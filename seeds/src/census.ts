import type { Level3, PipeMaterial } from '#contracts';
import { inOldSettlement, subdistrictAt } from './district.js';
import { type Xy, distance } from './geo.js';
import { CONSTRUCTION_ZONES, SUBSIDENCE_ZONES, crowdedPlacesNear, nearZone } from './landmarks.js';
import type { Prng } from './prng.js';
import type { SeedAttributes } from './types.js';

/**
 * Census attribute helpers (DOMAIN.md §b.1 drivers). Location-driven attributes (crowded places, works,
 * subsidence, density) are computed from geometry; history-driven ones (age, repairs) are drawn from the
 * seeded PRNG with distributions that make old metallic pipe the risky minority.
 */

/** The civic centre (中央大道 × 纬三路): density falls off with distance from it. */
const CIVIC_CENTRE: Xy = [0, 1000];

export function populationDensityAt(p: Xy): Level3 {
  const d = distance(p, CIVIC_CENTRE);
  // The old settlement is low-rise but tightly built: never "low".
  if (inOldSettlement(p)) return d < 1600 ? 'high' : 'medium';
  if (d < 1600) return 'high';
  return d < 3200 ? 'medium' : 'low';
}

/** Where the asset is and what is around it, from its shape (a point or a line in the local frame). */
export function locationAttributes(shape: readonly Xy[], street?: string): SeedAttributes {
  const mid = shape[Math.floor(shape.length / 2)];
  const crowded = crowdedPlacesNear(shape);
  return {
    subdistrict: subdistrictAt(mid),
    ...(street === undefined ? {} : { street }),
    population_density: populationDensityAt(mid),
    ...(crowded.length > 0 ? { crowded_places: crowded } : {}),
    // Surveyed for every asset: an explicit "no" scores lower than "unknown" in the risk model (§b.1).
    third_party_construction: nearZone(shape, CONSTRUCTION_ZONES),
    subsidence: nearZone(shape, SUBSIDENCE_ZONES),
  };
}

/** Install year: the old settlement 1995–2005, the new town mostly its 2006–2014 build-out, some to 2023. */
export function installYear(prng: Prng, at: Xy): number {
  if (inOldSettlement(at)) return prng.int(1995, 2005);
  return prng.weighted([
    [prng.int(2006, 2010), 5],
    [prng.int(2011, 2014), 3],
    [prng.int(2015, 2023), 2],
  ]);
}

/**
 * Expected leak/burst repairs per 5 years by material (likelihood driver order of DOMAIN.md §b.1:
 * grey cast iron / bare steel > ductile iron > PE). Rates are an ASSUMPTION for the sample data.
 */
const REPAIR_RATE: Partial<Record<PipeMaterial, number>> = {
  grey_cast_iron: 1.6,
  bare_steel: 1.3,
  ductile_iron: 0.35,
  coated_steel: 0.25,
  pe: 0.12,
  pvc: 0.2,
  concrete: 0.3,
  reinforced_concrete: 0.2,
};

/** Repairs in the last 5 years, 0–3: a Poisson draw whose mean grows with material risk and age. */
export function leakRepairs(prng: Prng, material: PipeMaterial, year: number, refYear = 2025): number {
  const ageFactor = Math.min(2, Math.max(0.3, (refYear - year) / 15));
  const mean = (REPAIR_RATE[material] ?? 0.3) * ageFactor;
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const u = prng.next();
  while (u > cdf && k < 3) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/** Corrosion environment: saline, wet soil by the river and in the old settlement (ASSUMPTION). */
export function corrosionEnv(prng: Prng, at: Xy): Level3 {
  if (inOldSettlement(at))
    return prng.weighted([
      ['high', 2],
      ['medium', 2],
      ['low', 1],
    ] as const);
  if (at[1] < -1000)
    return prng.weighted([
      ['high', 1],
      ['medium', 2],
      ['low', 1],
    ] as const);
  return prng.weighted([
    ['medium', 1],
    ['low', 3],
  ] as const);
}

/** Households served per metre of main, by density (ASSUMPTION: ~1 household per 4 m of main in the core). */
export function householdsServed(lengthM: number, density: Level3 | undefined): number {
  const perMetre = density === 'high' ? 0.25 : density === 'medium' ? 0.12 : 0.05;
  return Math.max(10, Math.round((lengthM * perMetre) / 10) * 10);
}
