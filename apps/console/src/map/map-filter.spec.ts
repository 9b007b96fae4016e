import { describe, expect, it } from '@jest/globals';
import type { AssetFeature } from '../api/types';
import { matches, NO_FILTER, toggle } from './map-filter';

const feature = (domain: 'gas' | 'water', district: string): AssetFeature => ({
  type: 'Feature',
  id: 'A',
  geometry: { type: 'Point', coordinates: [109.78, 39.61] },
  properties: {
    id: 'A',
    domain,
    kind: 'manhole',
    name: 'A',
    district,
    ownerUnitId: 'gas-co',
    parentId: null,
    lengthM: null,
    attributes: {},
    createdAt: '',
    updatedAt: '',
  },
});

describe('matches', () => {
  it('shows everything without a filter', () => {
    expect(matches(NO_FILTER, feature('gas', '康巴什区'), undefined)).toBe(true);
  });

  it('combines domain, district and level (empty = all)', () => {
    const filter = {
      ...NO_FILTER,
      domains: new Set(['gas'] as const),
      levels: new Set(['major', 'none'] as const),
    };
    expect(matches(filter, feature('gas', 'x'), { level: 'major', verified: false, since: '' })).toBe(true);
    expect(matches(filter, feature('gas', 'x'), undefined)).toBe(true);
    expect(matches(filter, feature('gas', 'x'), { level: 'low', verified: true, since: '' })).toBe(false);
    expect(matches(filter, feature('water', 'x'), { level: 'major', verified: true, since: '' })).toBe(false);
    expect(matches({ ...NO_FILTER, districts: new Set(['y']) }, feature('gas', 'x'), undefined)).toBe(false);
  });
});

describe('toggle', () => {
  it('adds and removes', () => {
    expect([...toggle(new Set(['a']), 'b')]).toEqual(['a', 'b']);
    expect([...toggle(new Set(['a']), 'a')]).toEqual([]);
  });
});
