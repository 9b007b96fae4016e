import type { PlatformEvent } from '#contracts';
import { apiUrl } from '../api/http';
import { createStore } from '../ui/store';
import { EventStream, type StreamStatus } from './event-stream';

export const streamStatusStore = createStore<StreamStatus>('connecting');

type Listener = (event: PlatformEvent) => void;
const listeners = new Set<Listener>();

/** Hears every platform event of the live feed (alarm.*, risk.level_changed, device.*). */
export function onPlatformEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Opens `/api/v1/events` for the signed-in session; returns the function that closes it. */
export function startLiveFeed(): () => void {
  const stream = new EventStream({
    url: apiUrl('/events'),
    onStatus: (status) => streamStatusStore.set(status),
    onMessage: (message) => {
      let event: PlatformEvent;
      try {
        event = JSON.parse(message.data) as PlatformEvent;
      } catch {
        return;
      }
      if (typeof event?.type !== 'string') return;
      for (const listener of [...listeners]) listener(event);
    },
  });
  stream.start();
  return () => stream.stop();
}
