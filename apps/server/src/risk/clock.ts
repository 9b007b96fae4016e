import { Injectable } from '@nestjs/common';

/**
 * The time the risk evaluator, the deadman and the reports work with. A provider rather than
 * `Date.now()` at the call sites so tests can move it (hysteresis waits 7 days, DOMAIN.md §b.2) without
 * fake timers in a process that talks to real servers.
 */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }
}
