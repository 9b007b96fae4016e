import { AckQueue } from './ack-queue.js';

describe('AckQueue', () => {
  it('matches in-order acks at the head', () => {
    const q = new AckQueue();
    q.push(1, 10);
    q.push(2, 20);
    q.push(3, 30);
    expect([q.take(1), q.take(2), q.size, q.take(3), q.size]).toEqual([10, 20, 1, 30, 0]);
  });

  it('matches an out-of-order ack and keeps the older messages waiting', () => {
    const q = new AckQueue();
    q.push(1, 10);
    q.push(2, 20);
    q.push(3, 30);
    expect(q.take(2)).toBe(20);
    expect(q.size).toBe(2);
    expect([q.take(1), q.take(3)]).toEqual([10, 30]);
  });

  it('returns null for an ack of nothing waiting (a duplicate PUBACK)', () => {
    const q = new AckQueue();
    expect(q.take(7)).toBeNull();
    q.push(7, 70);
    expect(q.take(7)).toBe(70);
    expect(q.take(7)).toBeNull();
  });

  it('tells apart a reused packet id (after 65,535 wraps) by taking the oldest', () => {
    const q = new AckQueue();
    q.push(5, 1);
    q.push(5, 2);
    expect([q.take(5), q.take(5)]).toEqual([1, 2]);
  });

  it('stays correct across compactions of a long backlog', () => {
    const q = new AckQueue();
    for (let i = 1; i <= 5000; i++) q.push(i, i * 10);
    for (let i = 1; i <= 3000; i++) expect(q.take(i)).toBe(i * 10);
    for (let i = 5001; i <= 6000; i++) q.push(i, i * 10);
    expect(q.size).toBe(3000);
    for (let i = 3001; i <= 6000; i++) expect(q.take(i)).toBe(i * 10);
    expect(q.size).toBe(0);
  });
});
