/**
 * How many deliveries each endpoint may start now (PEERS.md §5.D item 20: "per-endpoint queues, so one
 * bad endpoint cannot stall the others", the Alertmanager #1494 / Grafana #102282 failures). Each
 * endpoint has its own in-flight cap, so a receiver that hangs until the timeout holds at most that many
 * workers; the global pool is shared round-robin, starting at a rotating offset, so no endpoint is
 * always served first.
 */

export interface EndpointLoad {
  endpointId: string;
  /** Deliveries of this endpoint in flight in this process. */
  inFlight: number;
}

export interface DispatchLimits {
  /** In-flight cap per endpoint. */
  perEndpoint: number;
  /** Free workers in the global pool. */
  globalFree: number;
  /** Where the round-robin starts in `ready` (any integer; taken modulo its length). */
  startAt: number;
}

/** Slots to claim per endpoint; endpoints given none are absent. */
export function planDispatch(ready: readonly EndpointLoad[], limits: DispatchLimits): Map<string, number> {
  const plan = new Map<string, number>();
  if (ready.length === 0) return plan;
  const start = ((limits.startAt % ready.length) + ready.length) % ready.length;
  const order = [...ready.slice(start), ...ready.slice(0, start)];
  let free = limits.globalFree;
  let progressed = true;
  while (free > 0 && progressed) {
    progressed = false;
    for (const endpoint of order) {
      if (free === 0) break;
      const given = plan.get(endpoint.endpointId) ?? 0;
      if (endpoint.inFlight + given >= limits.perEndpoint) continue;
      plan.set(endpoint.endpointId, given + 1);
      free -= 1;
      progressed = true;
    }
  }
  return plan;
}
