import type { Domain } from '#contracts';
import type { OwnerUnit } from './types.js';

/** The responsible units (权属单位) of the sample city, one per domain (DOMAIN.md §c.2 roles). */
export const OWNER_UNITS: readonly OwnerUnit[] = [
  { id: 'gas-co', name: '城燃公司', domains: ['gas'] },
  { id: 'heat-co', name: '热力公司', domains: ['heating'] },
  { id: 'water-group', name: '水务集团', domains: ['water'] },
  { id: 'drain-co', name: '排水公司', domains: ['drainage'] },
  { id: 'bridge-office', name: '桥梁管理处', domains: ['bridge'] },
  { id: 'tunnel-co', name: '管廊公司', domains: ['tunnel'] },
];

export const OWNER_OF: Readonly<Record<Domain, string>> = {
  gas: 'gas-co',
  heating: 'heat-co',
  water: 'water-group',
  drainage: 'drain-co',
  bridge: 'bridge-office',
  tunnel: 'tunnel-co',
};
