import { useEffect, useState } from 'preact/hooks';

/** The current time, refreshed every `intervalMs` (ages, SLA countdowns and the clock move on their own). */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
