import { BatchLedger } from './batch-ledger.js';

describe('BatchLedger', () => {
  const probe = (promise: Promise<void>) => {
    const state = { done: false };
    void promise.then(() => (state.done = true));
    return state;
  };
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('resolves a waiter once every batch up to its id settled, in whatever order they settle', async () => {
    const ledger = new BatchLedger();
    [1, 2, 3].forEach((id) => ledger.opened(id));
    const upTo2 = probe(ledger.whenSettledThrough(2));
    ledger.settled(2);
    ledger.settled(3);
    await tick();
    expect(upTo2.done).toBe(false); // batch 1 is still out
    ledger.settled(1);
    await tick();
    expect(upTo2.done).toBe(true);
  });

  it('waits for both halves of a split batch', async () => {
    const ledger = new BatchLedger();
    ledger.opened(1);
    ledger.split(1);
    const waiter = probe(ledger.whenSettledThrough(1));
    ledger.settled(1);
    await tick();
    expect(waiter.done).toBe(false);
    ledger.settled(1);
    await tick();
    expect(waiter.done).toBe(true);
  });

  it('resolves at once when nothing up to the id is outstanding', async () => {
    const ledger = new BatchLedger();
    ledger.opened(5);
    await expect(ledger.whenSettledThrough(4)).resolves.toBeUndefined();
  });
});
