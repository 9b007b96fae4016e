import { useCallback, useEffect, useState } from 'preact/hooks';
import { errorText } from '../api/http';
import type { Loadable } from './loadable';

/** Runs `load` when `deps` change (latest call wins) and exposes its result and a reload function. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): [Loadable<T>, () => void] {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (result) => current && setValue({ state: 'ready', value: result }),
      (error: unknown) => current && setValue({ state: 'error', message: errorText(error) }),
    );
    return () => {
      current = false;
    };
  }, [...deps, round]);
  return [value, useCallback(() => setRound((r) => r + 1), [])];
}
