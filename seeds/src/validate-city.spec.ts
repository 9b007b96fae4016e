import { sampleCity } from './sample-city.js';
import type { SeedCity } from './types.js';
import { cityProblems, geometryProblems } from './validate-city.js';

const fresh = (): SeedCity => structuredClone(sampleCity());

describe('city self-check', () => {
  it('reports broken geometry', () => {
    expect(geometryProblems({ type: 'LineString', coordinates: [[109.78, 39.61]] })).toContain(
      'a LineString needs at least 2 positions',
    );
    expect(geometryProblems({ type: 'Point', coordinates: [Number.NaN, 39.61] })[0]).toMatch(/not a finite/);
    expect(geometryProblems({ type: 'Point', coordinates: [116.4, 39.9] })[0]).toMatch(
      /outside the district/,
    );
    const open = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [109.78, 39.61],
          [109.79, 39.61],
          [109.79, 39.62],
        ] as [number, number][],
      ],
    };
    expect(geometryProblems(open)).toContain('a Polygon ring needs ≥ 4 positions and must be closed');
    const clockwise = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [109.78, 39.61],
          [109.78, 39.62],
          [109.79, 39.62],
          [109.78, 39.61],
        ] as [number, number][],
      ],
    };
    expect(geometryProblems(clockwise)).toContain('the exterior ring must be counter-clockwise');
  });

  it('reports dangling references, foreign metrics and duplicate ids', () => {
    const city = fresh();
    city.devices[0].assetId = 'NOPE-0001';
    city.devices[1].metrics = ['ch4_lel', 'strain_ue'];
    city.devices[2].id = city.devices[3].id;
    city.assets.features[10].properties.parentId = 'GAS-SEG-9999';
    city.assets.features[11].properties.ownerUnitId = 'water-group';
    const problems = cityProblems(city).join('\n');
    expect(problems).toMatch(/asset NOPE-0001 does not exist/);
    expect(problems).toMatch(/metric strain_ue is not in the gas catalog/);
    expect(problems).toMatch(/duplicate id/);
    expect(problems).toMatch(/parent GAS-SEG-9999 is missing/);
    expect(problems).toMatch(/owner unit water-group does not serve gas/);
  });

  it('reports a child listed before its parent', () => {
    const city = fresh();
    const features = city.assets.features;
    const childIndex = features.findIndex((f) => f.properties.parentId !== undefined);
    const parentIndex = features.findIndex(
      (f) => f.properties.id === features[childIndex].properties.parentId,
    );
    [features[childIndex], features[parentIndex]] = [features[parentIndex], features[childIndex]];
    expect(cityProblems(city).join('\n')).toMatch(/listed after its child/);
  });
});
