import type { SimDevice } from '../device.js';
import type { DeviceLink } from '../mqtt/device-link.js';
import type { Reach } from '../scenarios/index.js';
import { type EmitterState, createEmitter, emit } from '../telemetry/emitter.js';
import type { ActiveEffect } from './reading.js';
import { readingAt } from './reading.js';
import type { RunStats } from './stats.js';

/** One simulated device in a run: its MQTT link, its numbering/fault state, and how a scenario reaches it. */
export class Agent {
  readonly emitter: EmitterState;
  /** Bumped when the agent is rescheduled out of turn, so stale queue entries are skipped. */
  generation = 0;
  /** Set once the connection ramp has reached this device. */
  started = false;

  /** How the current scenario reaches this device, if it does. */
  reach: Reach | undefined;

  constructor(
    readonly device: SimDevice,
    readonly link: DeviceLink,
    startSeq: number,
  ) {
    this.emitter = createEmitter(startSeq);
  }

  /** Takes a reading and sends what the emitter decides, opening or cutting the link as the fault says. */
  report(
    simT: number,
    wallNow: number,
    seed: number,
    effect: ActiveEffect | undefined,
    stats: RunStats,
  ): void {
    const reading = readingAt(this.device, simT, wallNow, seed, effect);
    const emission = emit(this.emitter, reading, effect?.scenario.transport);
    stats.lost += emission.lost;
    if (emission.link === 'down' && this.link.isOpen) {
      this.link.drop();
    } else if (emission.link === 'up' && !this.link.isOpen) {
      this.link.open();
    }
    for (const payload of emission.payloads) {
      this.link.publish(payload);
      stats.sent++;
    }
  }
}
