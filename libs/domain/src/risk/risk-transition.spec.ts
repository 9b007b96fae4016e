import type { RiskLevel } from '#contracts';
import {
  decideRiskTransition,
  type RiskState,
  type RiskTransitionContext,
  type RiskTransitionReason,
} from './risk-transition.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);

const state = (over: Partial<RiskState> = {}): RiskState => ({
  level: 'major',
  since: T0,
  verified: true,
  lastChangeAt: T0,
  pendingDowngrade: null,
  ...over,
});

const ctx = (over: Partial<RiskTransitionContext> = {}): RiskTransitionContext => ({
  now: T0 + DAY,
  openAlarmIds: [],
  openTicketIds: [],
  lastTicketClosedAt: null,
  lastAbnormalAt: null,
  dataFresh: true,
  ...over,
});

describe('risk transition (DOMAIN.md §b.2 hysteresis, PEERS.md §5.B 8–9)', () => {
  it.each<
    [
      string,
      RiskState | null,
      RiskLevel,
      Partial<RiskTransitionContext>,
      RiskLevel,
      boolean,
      boolean,
      RiskTransitionReason,
    ]
  >([
    ['first assessment', null, 'larger', {}, 'larger', true, true, 'initial'],
    [
      'first assessment on stale data is unverified',
      null,
      'larger',
      { dataFresh: false },
      'larger',
      true,
      false,
      'initial',
    ],
    ['upgrade is immediate', state({ level: 'general' }), 'major', {}, 'major', true, true, 'upgrade'],
    [
      'upgrade applies on stale data too, unverified',
      state({ level: 'general' }),
      'larger',
      { dataFresh: false },
      'larger',
      true,
      false,
      'upgrade',
    ],
    ['same level is steady', state(), 'major', {}, 'major', false, true, 'steady'],
    [
      'stale data keeps the level, unverified',
      state(),
      'major',
      { dataFresh: false },
      'major',
      false,
      false,
      'unverified',
    ],
    [
      'fresh data again re-verifies',
      state({ verified: false }),
      'major',
      {},
      'major',
      false,
      true,
      'reverified',
    ],
    [
      'stale data never lowers',
      state(),
      'low',
      { dataFresh: false, now: T0 + 30 * DAY },
      'major',
      false,
      false,
      'hold_stale_data',
    ],
    [
      'a lower level starts the quiet period',
      state(),
      'larger',
      {},
      'major',
      false,
      true,
      'hold_quiet_period',
    ],
    [
      'quiet period not over (6.9 days)',
      state({ pendingDowngrade: { level: 'larger', since: T0 } }),
      'larger',
      { now: T0 + 6.9 * DAY },
      'major',
      false,
      true,
      'hold_quiet_period',
    ],
    [
      '7 clean days then downgrade',
      state({ pendingDowngrade: { level: 'larger', since: T0 } }),
      'larger',
      { now: T0 + 7 * DAY },
      'larger',
      true,
      true,
      'downgrade',
    ],
    [
      'abnormal data restarts the clean clock',
      state({ pendingDowngrade: { level: 'larger', since: T0 } }),
      'larger',
      { now: T0 + 8 * DAY, lastAbnormalAt: T0 + 2 * DAY },
      'major',
      false,
      true,
      'hold_quiet_period',
    ],
    [
      'an open alarm blocks the downgrade',
      state({ pendingDowngrade: { level: 'larger', since: T0 } }),
      'larger',
      { now: T0 + 8 * DAY, openAlarmIds: ['A1'] },
      'major',
      false,
      true,
      'hold_open_alarm',
    ],
    [
      'an open ticket blocks the downgrade',
      state({ pendingDowngrade: { level: 'larger', since: T0 } }),
      'larger',
      { now: T0 + 8 * DAY, openTicketIds: ['T1'] },
      'major',
      false,
      true,
      'hold_open_ticket',
    ],
    [
      'the downgrade goes to the highest level seen in the quiet period',
      state({ pendingDowngrade: { level: 'general', since: T0 } }),
      'low',
      { now: T0 + 7 * DAY },
      'general',
      true,
      true,
      'downgrade',
    ],
  ])('%s', (_label, current, computed, over, level, changed, verified, reason) => {
    const result = decideRiskTransition(current, { level: computed }, ctx(over));
    expect(result.state.level).toBe(level);
    expect(result.changed).toBe(changed);
    expect(result.state.verified).toBe(verified);
    expect(result.reason).toBe(reason);
  });

  it('keeps the start of a pending downgrade and raises its target', () => {
    const first = decideRiskTransition(state(), { level: 'general' }, ctx({ now: T0 + DAY }));
    const second = decideRiskTransition(first.state, { level: 'larger' }, ctx({ now: T0 + 2 * DAY }));
    expect(second.state.pendingDowngrade).toEqual({ level: 'larger', since: T0 + DAY });
  });

  it('clears a pending downgrade when the level is supported again', () => {
    const pending = state({ pendingDowngrade: { level: 'larger', since: T0 } });
    expect(decideRiskTransition(pending, { level: 'major' }, ctx()).state.pendingDowngrade).toBeNull();
  });

  it('restarts the clean clock after a stale spell', () => {
    const pending = state({ pendingDowngrade: { level: 'larger', since: T0 } });
    const stale = decideRiskTransition(
      pending,
      { level: 'larger' },
      ctx({ now: T0 + 5 * DAY, dataFresh: false }),
    );
    const back = decideRiskTransition(stale.state, { level: 'larger' }, ctx({ now: T0 + 8 * DAY }));
    expect(back.reason).toBe('hold_quiet_period');
    expect(back.state.pendingDowngrade).toEqual({ level: 'larger', since: T0 + 8 * DAY });
    expect(back.verifiedChanged).toBe(true);
  });

  it('records the evidence of a downgrade', () => {
    const pending = state({ pendingDowngrade: { level: 'larger', since: T0 } });
    const result = decideRiskTransition(
      pending,
      { level: 'larger' },
      ctx({ now: T0 + 9 * DAY, lastAbnormalAt: T0 + DAY, lastTicketClosedAt: T0 + 2 * DAY }),
    );
    expect(result.evidence).toEqual({
      dataFresh: true,
      openAlarmIds: [],
      openTicketIds: [],
      lastTicketClosedAt: T0 + 2 * DAY,
      quietSince: T0 + DAY,
    });
    expect(result.state).toEqual({
      level: 'larger',
      since: T0 + 9 * DAY,
      verified: true,
      lastChangeAt: T0 + 9 * DAY,
      pendingDowngrade: null,
    });
  });
});
