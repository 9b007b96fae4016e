import { planDispatch, type EndpointLoad } from './dispatch-plan.js';

const load = (endpointId: string, inFlight = 0): EndpointLoad => ({ endpointId, inFlight });
const plan = (
  ready: EndpointLoad[],
  perEndpoint: number,
  globalFree: number,
  startAt = 0,
): Record<string, number> => Object.fromEntries(planDispatch(ready, { perEndpoint, globalFree, startAt }));

describe('planDispatch', () => {
  it.each([
    ['nothing ready', [], 4, 16, 0, {}],
    ['one endpoint gets up to its cap', [load('a')], 4, 16, 0, { a: 4 }],
    ['in-flight work counts against the cap', [load('a', 3)], 4, 16, 0, { a: 1 }],
    ['a full endpoint gets nothing', [load('a', 4)], 4, 16, 0, {}],
    ['the pool is shared round-robin', [load('a'), load('b'), load('c')], 4, 5, 0, { a: 2, b: 2, c: 1 }],
    ['the start rotates', [load('a'), load('b'), load('c')], 4, 5, 1, { b: 2, c: 2, a: 1 }],
    ['a stuck endpoint holds only its own slots', [load('dead', 4), load('ok')], 4, 6, 0, { ok: 4 }],
    ['no free worker: nothing', [load('a')], 4, 0, 0, {}],
    ['a negative start is taken modulo', [load('a'), load('b')], 1, 1, -1, { b: 1 }],
  ])('%s', (_name, ready, perEndpoint, globalFree, startAt, expected) => {
    expect(plan(ready, perEndpoint, globalFree, startAt)).toEqual(expected);
  });
});
