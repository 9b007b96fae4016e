import { hash, shuffle } from '../prng.js';
import type { TransportFault } from '../scenarios/index.js';
import { type Reading, type Sample, encodeBacklog, encodeSample } from './encode.js';
import { MALFORMED_KINDS, malformedPayload } from './malformed.js';

/**
 * What one device sends for each reading, as a deterministic state machine without I/O: it numbers
 * readings (`seq`) and applies the active transport fault. The runner executes the result: it drops or
 * restores the connection (`link`) and publishes `payloads` in order.
 */
export const OUT_OF_ORDER_WINDOW = 5;
/** Readings a device stores while offline (≥ 500 required by T/CGAS 013, DOMAIN.md §a.7; ASSUMPTION 5,000). */
export const MAX_STORED = 5_000;

export interface EmitterState {
  nextSeq: number;
  held: Sample[];
  heldFor?: 'backlog' | 'out-of-order';
  malformedCursor: number;
}

export interface Emission {
  payloads: string[];
  link: 'up' | 'down';
  /** Readings that will never be sent (offline without storage, storage overflow). */
  lost: number;
}

export function createEmitter(startSeq = 0): EmitterState {
  return { nextSeq: startSeq, held: [], malformedCursor: 0 };
}

/** Shuffles a window; never returns it in its original order (that would not be out of order). */
function scramble(samples: readonly Sample[]): Sample[] {
  const out = shuffle(samples, hash(samples[0]?.seq ?? 0, 91));
  return out.every((s, i) => s === samples[i]) ? [...samples].reverse() : out;
}

function flush(state: EmitterState): string[] {
  const held = state.held;
  const kind = state.heldFor;
  state.held = [];
  state.heldFor = undefined;
  if (held.length === 0) return [];
  return kind === 'backlog' ? encodeBacklog(held) : scramble(held).map(encodeSample);
}

/** Takes one reading under `fault` (undefined = none active) and says what to send. */
export function emit(state: EmitterState, reading: Reading, fault: TransportFault | undefined): Emission {
  const sample: Sample = { ...reading, seq: state.nextSeq++ };
  // A held window of another kind is released first (fault ended or changed).
  const heldKind = fault === 'backlog' || fault === 'out-of-order' ? fault : undefined;
  const released = state.heldFor !== undefined && state.heldFor !== heldKind ? flush(state) : [];
  switch (fault) {
    case undefined:
      return { payloads: [...released, encodeSample(sample)], link: 'up', lost: 0 };
    case 'offline':
      return { payloads: released, link: 'down', lost: 1 };
    case 'backlog': {
      state.heldFor = 'backlog';
      state.held.push(sample);
      const overflow = Math.max(0, state.held.length - MAX_STORED);
      state.held.splice(0, overflow);
      return { payloads: released, link: 'down', lost: overflow };
    }
    case 'duplicates':
      return { payloads: [...released, encodeSample(sample), encodeSample(sample)], link: 'up', lost: 0 };
    case 'out-of-order': {
      state.heldFor = 'out-of-order';
      state.held.push(sample);
      const window = state.held.length >= OUT_OF_ORDER_WINDOW ? flush(state) : [];
      return { payloads: [...released, ...window], link: 'up', lost: 0 };
    }
    case 'malformed': {
      const kind = MALFORMED_KINDS[state.malformedCursor++ % MALFORMED_KINDS.length];
      const bad: Sample = { ...reading, seq: state.nextSeq++ };
      return {
        payloads: [...released, encodeSample(sample), malformedPayload(kind, bad)],
        link: 'up',
        lost: 0,
      };
    }
  }
}
