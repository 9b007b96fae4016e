import type { CensusAttributes } from '#contracts';

/**
 * The census of the DOMAIN.md §b.3 worked example, shared by the specs and the scenario test: a 480 m
 * DN200 medium-pressure-A grey cast iron gas main laid in 1994, 2 leak repairs in 5 years, seven
 * sewer/power manholes within 5 m and a primary school 60 m away. Not exported from the library index.
 */
export const WORKED_EXAMPLE: CensusAttributes = {
  material: 'grey_cast_iron',
  install_year: 1994,
  diameter_mm: 200,
  pressure_class: 'medium_a',
  leak_repairs_5y: 2,
  adjacent_spaces: 7,
  adjacent_space_kinds: ['sewer', 'power'],
  crowded_places: ['school'],
};
