import {
  EVENT_TYPE_PATTERNS,
  levelsOf,
  matchesEndpoint,
  type EndpointFilter,
  type FilterableEvent,
} from './endpoint-filter.js';

const filter = (over: Partial<EndpointFilter> = {}): EndpointFilter => ({
  ownerUnitId: 'gas-co',
  eventTypes: ['*'],
  levels: [],
  domains: [],
  ...over,
});
const event = (over: Partial<FilterableEvent> = {}): FilterableEvent => ({
  type: 'alarm.raised',
  ownerUnitId: 'gas-co',
  domain: 'gas',
  suppressed: false,
  data: { level: 'major' },
  ...over,
});

const cases: Array<[name: string, f: EndpointFilter, e: FilterableEvent, expected: boolean]> = [
  ['everything of its own unit', filter(), event(), true],
  ['never another unit’s event', filter(), event({ ownerUnitId: 'water-co' }), false],
  ['never an event without an owner unit', filter(), event({ ownerUnitId: null }), false],
  ['never a suppressed event (maintenance window)', filter(), event({ suppressed: true }), false],
  ['an exact type', filter({ eventTypes: ['alarm.raised'] }), event(), true],
  ['another exact type', filter({ eventTypes: ['alarm.resolved'] }), event(), false],
  ['a family', filter({ eventTypes: ['alarm.*'] }), event({ type: 'alarm.escalated' }), true],
  [
    'a family does not match a prefix of a word',
    filter({ eventTypes: ['alarm.*'] }),
    event({ type: 'alarms.x' }),
    false,
  ],
  ['one of several types', filter({ eventTypes: ['device.offline', 'alarm.raised'] }), event(), true],
  ['no types: nothing', filter({ eventTypes: [] }), event(), false],
  ['an alarm at a wanted level', filter({ levels: ['major', 'larger'] }), event(), true],
  ['an alarm at another level', filter({ levels: ['major'] }), event({ data: { level: 'general' } }), false],
  [
    'a risk change into a wanted level',
    filter({ levels: ['major'] }),
    event({ type: 'risk.level_changed', data: { from: 'larger', to: 'major' } }),
    true,
  ],
  [
    'a risk change out of a wanted level',
    filter({ levels: ['major'] }),
    event({ type: 'risk.level_changed', data: { from: 'major', to: 'general' } }),
    true,
  ],
  [
    'a risk change elsewhere',
    filter({ levels: ['major'] }),
    event({ type: 'risk.level_changed', data: { from: 'low', to: 'general' } }),
    false,
  ],
  [
    'a device event has no level and passes a level filter',
    filter({ levels: ['major'] }),
    event({ type: 'device.offline', data: {} }),
    true,
  ],
  ['a wanted domain', filter({ domains: ['gas', 'heating'] }), event(), true],
  ['another domain', filter({ domains: ['water'] }), event(), false],
  [
    'a domain filter refuses an event without a domain',
    filter({ domains: ['gas'] }),
    event({ domain: null }),
    false,
  ],
  [
    'all filters together',
    filter({ eventTypes: ['alarm.*'], levels: ['major'], domains: ['gas'] }),
    event(),
    true,
  ],
];

describe('matchesEndpoint', () => {
  it.each(cases)('%s', (_name, f, e, expected) => expect(matchesEndpoint(f, e)).toBe(expected));
});

describe('levelsOf', () => {
  it.each([
    [{ type: 'alarm.raised', data: { level: 'larger' } }, ['larger']],
    [{ type: 'alarm.raised', data: { level: 'purple' } }, []],
    [{ type: 'risk.level_changed', data: { from: null, to: 'low' } }, ['low']],
    [{ type: 'device.online', data: {} }, []],
  ])('%j → %j', (e, levels) => expect(levelsOf(e)).toEqual(levels));
});

describe('EVENT_TYPE_PATTERNS', () => {
  it.each([
    ['*', true],
    ['alarm.raised', true],
    ['alarm.*', true],
    ['device.*', true],
    ['alarm.rasied', false],
    ['alarms.*', false],
    ['webhook.test', false],
    ['', false],
  ])('%j → %j', (pattern, ok) => expect(EVENT_TYPE_PATTERNS.includes(pattern)).toBe(ok));
});
