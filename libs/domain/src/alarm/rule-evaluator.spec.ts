import type { ResolvedRule } from './alarm-rules.js';
import type { EvaluationContext } from './rule-evaluator.js';
import { ETHANE, MIN, ruleOf, run, series, simple, T0 } from './rule.fixture.js';

describe('rule evaluator', () => {
  it.each<[string, ResolvedRule, number[], EvaluationContext, string[]]>([
    [
      'gas leak 2→60 %LEL climbs the ladder',
      ruleOf('gas.ch4_lel'),
      [2, 6, 12, 18, 27, 26, 52, 60],
      {},
      ['raise:general@12', 'escalate:larger@27', 'escalate:major@52'],
    ],
    [
      'ethane present raises each CH4 level one step',
      ruleOf('gas.ch4_lel'),
      [2, 12, 27],
      ETHANE,
      ['raise:larger@12', 'escalate:major@27'],
    ],
    [
      'ethane older than 15 min does not corroborate',
      ruleOf('gas.ch4_lel'),
      [2, 12],
      { companions: { c2h6_present: { ts: T0 - 20 * MIN, value: 1 } } },
      ['raise:general@12'],
    ],
    ['ethane with background CH4 raises nothing', ruleOf('gas.ch4_lel'), [3, 4], ETHANE, []],
    [
      '≥ 25 %LEL rising for 3 readings is red',
      ruleOf('gas.ch4_lel'),
      [26, 28, 31],
      {},
      ['raise:larger@26', 'escalate:major@31'],
    ],
    ['an interrupted rise stays orange', ruleOf('gas.ch4_lel'), [26, 28, 27, 29], {}, ['raise:larger@26']],
    [
      'CH4 clears only 2 %LEL below the threshold',
      ruleOf('gas.ch4_lel'),
      [12, 9, 8.1, 7.9],
      {},
      ['raise:general@12', 'clear:-@7.9'],
    ],
    [
      'CH4 de-escalates below 25 − 2',
      ruleOf('gas.ch4_lel'),
      [30, 24, 22.9],
      {},
      ['raise:larger@30', 'deescalate:general@22.9'],
    ],
    [
      'flapping around 10 with deadband 1 raises once',
      simple({ deadband: 1 }),
      [9.8, 10.2, 9.7, 10.3, 9.4, 10.1, 9.5],
      {},
      ['raise:general@10.2'],
    ],
    [
      'the same flapping without deadband chatters',
      simple(),
      [9.8, 10.2, 9.7, 10.3, 9.4],
      {},
      ['raise:general@10.2', 'clear:-@9.7', 'raise:general@10.3', 'clear:-@9.4'],
    ],
    [
      'a 2-reading on-delay suppresses a single spike',
      simple({ onDelay: { readings: 2, ms: 0 } }),
      [5, 15, 5, 5],
      {},
      [],
    ],
    [
      'a 2-reading on-delay raises on the second reading',
      simple({ onDelay: { readings: 2, ms: 0 } }),
      [5, 15, 16],
      {},
      ['raise:general@16'],
    ],
    [
      'a 2-min on-delay raises after 2 min',
      simple({ onDelay: { readings: 1, ms: 2 * MIN } }),
      [15, 15, 15],
      {},
      ['raise:general@15'],
    ],
    [
      'a 3-reading off-delay clears on the third normal reading',
      simple({ offDelay: { readings: 3, ms: 0 } }),
      [15, 5, 15, 5, 5, 5],
      {},
      ['raise:general@15', 'clear:-@5'],
    ],
    [
      'water burst: drop > 0.1 MPa in < 5 min is red',
      ruleOf('water.pressure_mpa'),
      [0.3, 0.29, 0.17],
      {},
      ['raise:major@0.17'],
    ],
    [
      'a drop of exactly 0.1 MPa in 5 min is not a burst',
      ruleOf('water.pressure_mpa'),
      [0.3, 0.28, 0.26, 0.24, 0.22, 0.2, 0.18],
      {},
      [],
    ],
    [
      'gas pressure drop > 30 % in 5 min is red without a setpoint',
      ruleOf('gas.pressure_mpa'),
      [0.3, 0.3, 0.2],
      {},
      ['raise:major@0.2'],
    ],
    [
      'gas pressure deviation from the setpoint',
      ruleOf('gas.pressure_mpa', {}, [{ ruleId: 'gas.pressure_mpa', params: { setpoint_mpa: 0.3 } }]),
      [0.3, 0.34, 0.37],
      {},
      ['raise:general@0.34', 'escalate:larger@0.37'],
    ],
    [
      'heating return pressure < 50 kPa is red',
      ruleOf('heating.return_pressure_mpa'),
      [0.06, 0.049],
      {},
      ['raise:major@0.049'],
    ],
    [
      'freeboard ladder down to overflow',
      ruleOf('drainage.freeboard_m'),
      [0.6, 0.5, 0.3, -0.1],
      {},
      ['raise:general@0.5', 'escalate:larger@0.3', 'escalate:major@-0.1'],
    ],
    [
      'ponding 25 cm is orange, above 25 red',
      ruleOf('drainage.ponding_cm'),
      [2, 3, 25, 25.5],
      {},
      ['raise:general@3', 'escalate:larger@25', 'escalate:major@25.5'],
    ],
    [
      'O2 outside 19.5–23.5 with a 0.2 deadband',
      ruleOf('tunnel.o2_pct'),
      [20.9, 19, 19.6, 19.8],
      {},
      ['raise:larger@19', 'clear:-@19.8'],
    ],
    [
      'bridge strain as % of design (500 με), either sign',
      ruleOf('bridge.strain_ue', { design_strain_ue: 500 }),
      [100, -360, 430, 505],
      {},
      ['raise:general@-360', 'escalate:larger@430', 'escalate:major@505'],
    ],
    [
      'tilt above a 0.5 ‰ baseline',
      ruleOf('bridge.tilt_permille', {}, [
        { ruleId: 'bridge.tilt_permille', params: { tilt_baseline_permille: 0.5 } },
      ]),
      [1.2, 1.6],
      {},
      ['raise:general@1.6'],
    ],
    [
      'leak noise on 3 consecutive nights is orange',
      ruleOf('water.leak_noise_db'),
      [45, 46, 47],
      {},
      ['raise:general@45', 'escalate:larger@47'],
    ],
    [
      'leak noise with an anomalous neighbour is orange at once',
      ruleOf('water.leak_noise_db'),
      [45],
      { neighboursAnomalous: 1 },
      ['raise:larger@45'],
    ],
    [
      'tunnel gas cabin 20 %LEL alarm, 25 red',
      ruleOf('tunnel.ch4_lel'),
      [19, 20, 25],
      {},
      ['raise:larger@20', 'escalate:major@25'],
    ],
  ])('%s', (_label, rule, values, ctx, expected) => {
    expect(run(rule, series(values), ctx)).toEqual(expected);
  });

  it('does not call a slow drop a burst; below 0.14 MPa is orange', () => {
    const values = [0.3, 0.28, 0.26, 0.24, 0.22, 0.2, 0.18, 0.16, 0.13];
    expect(run(ruleOf('water.pressure_mpa'), series(values, 2 * MIN))).toEqual(['raise:larger@0.13']);
  });
});
