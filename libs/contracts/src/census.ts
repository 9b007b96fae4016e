/**
 * Census attributes of an asset (建档立卡), stored in `assets.attributes`. Every field is optional: a
 * census is filled in over years, and the risk model treats a missing attribute as "unknown" (a
 * documented middle score), never as "safe". Drivers follow DOMAIN.md §b.1.
 */
export const PIPE_MATERIALS = [
  'grey_cast_iron',
  'bare_steel',
  'coated_steel',
  'ductile_iron',
  'pe',
  'pvc',
  'concrete',
  'reinforced_concrete',
  'prestressed_concrete',
  'steel_box',
] as const;
export type PipeMaterial = (typeof PIPE_MATERIALS)[number];

/** Gas pressure classes after GB 50028 (MEM): low < 0.01 MPa, medium-B 0.01–0.2, medium-A 0.2–0.4, high above. */
export const PRESSURE_CLASSES = ['low', 'medium_b', 'medium_a', 'sub_high', 'high'] as const;
export type PressureClass = (typeof PRESSURE_CLASSES)[number];

export type Level3 = 'low' | 'medium' | 'high';

export const CROWDED_PLACE_KINDS = ['school', 'hospital', 'market', 'station', 'stadium', 'residential'] as const;
export type CrowdedPlaceKind = (typeof CROWDED_PLACE_KINDS)[number];

export const ADJACENT_SPACE_KINDS = ['sewer', 'power', 'telecom', 'heating', 'basement', 'utility_tunnel'] as const;
export type AdjacentSpaceKind = (typeof ADJACENT_SPACE_KINDS)[number];

export interface CensusAttributes {
  material?: PipeMaterial;
  install_year?: number;
  /** Design life in years (heating hot-water pipe ≥ 30 [S18]). */
  design_life_years?: number;
  diameter_mm?: number;
  pressure_class?: PressureClass;
  burial_depth_m?: number;
  /** Confined adjacent underground spaces within 5 m (gas migrates through them, DOMAIN.md §b.1). */
  adjacent_spaces?: number;
  adjacent_space_kinds?: AdjacentSpaceKind[];
  /** Leak or burst repairs in the last 5 years. */
  leak_repairs_5y?: number;
  corrosion_env?: Level3;
  third_party_construction?: boolean;
  subsidence?: boolean;
  population_density?: Level3;
  /** Crowded places within 100 m. */
  crowded_places?: CrowdedPlaceKind[];
  households_served?: number;
  arterial_road?: boolean;
  /** Bridges: technical condition class 1 (best) – 5 (worst), JTG/T H21. */
  condition_class?: 1 | 2 | 3 | 4 | 5;
  span_m?: number;
  /** Bridges: design allowable strain (με) and live-load deflection limit (mm), for %-of-design rules. */
  design_strain_ue?: number;
  deflection_limit_mm?: number;
  /** Annual average daily traffic (vehicles) for bridges and roads above pipes. */
  daily_traffic?: number;
  /** Utility tunnels: which utilities share the tunnel. */
  cabins?: ('gas' | 'power' | 'water' | 'heating' | 'telecom')[];
  /** Free-form notes from the census. */
  notes?: string;
}
