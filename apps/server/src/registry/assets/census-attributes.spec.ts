import { censusProblems, coerceCensusCell } from './census-attributes.js';

describe('censusProblems', () => {
  it('accepts a complete, well-typed census and keeps unknown fields', () => {
    expect(
      censusProblems({
        material: 'grey_cast_iron',
        install_year: 1998,
        diameter_mm: 300,
        pressure_class: 'medium_a',
        adjacent_space_kinds: ['sewer', 'telecom'],
        third_party_construction: false,
        condition_class: 3,
        notes: 'replaced valve 2019',
        surveyor: 'team 4',
      }),
    ).toEqual([]);
  });

  it.each([
    [{ install_year: '1998' }, 'attributes.install_year', 'must be a finite number'],
    [{ install_year: 1998.5 }, 'attributes.install_year', 'must be an integer'],
    [{ diameter_mm: -1 }, 'attributes.diameter_mm', 'must be ≥ 0'],
    [{ material: 'wood' }, 'attributes.material', 'must be one of'],
    [{ condition_class: 6 }, 'attributes.condition_class', 'must be one of 1, 2, 3, 4, 5'],
    [{ subsidence: 'yes' }, 'attributes.subsidence', 'must be a boolean'],
    [{ crowded_places: 'school' }, 'attributes.crowded_places', 'must be an array'],
    [{ crowded_places: ['school', 'zoo'] }, 'attributes.crowded_places', 'items must be among'],
    [{ notes: 42 }, 'attributes.notes', 'must be a string'],
  ])('rejects %j', (attrs, field, message) => {
    const [problem] = censusProblems(attrs);
    expect(problem.field).toBe(field);
    expect(problem.message).toContain(message);
  });

  it('reports every bad field', () => {
    expect(censusProblems({ install_year: 'x', material: 'wood', diameter_mm: 100 })).toHaveLength(2);
  });
});

describe('coerceCensusCell', () => {
  it.each([
    ['install_year', '1998', 1998],
    ['install_year', ' 1998 ', 1998],
    ['install_year', 'old', 'old'],
    ['condition_class', '2', 2],
    ['subsidence', 'TRUE', true],
    ['arterial_road', '0', false],
    ['arterial_road', 'maybe', 'maybe'],
    ['crowded_places', 'school; hospital;', ['school', 'hospital']],
    ['material', 'pe', 'pe'],
    ['surveyor', '12', '12'],
  ])('%s %j → %j', (name, cell, expected) => expect(coerceCensusCell(name, cell)).toEqual(expected));
});
