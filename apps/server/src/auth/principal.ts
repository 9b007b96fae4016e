import type { IncomingMessage } from 'node:http';

/**
 * API roles (CONTRACT.md §3; PEERS.md item 24):
 * - admin: everything, including tokens and owner units;
 * - monitor: the monitoring room; reads everything, works alarms;
 * - operator: third-party operations staff; maintains assets and devices;
 * - utility: a utility's integration, scoped to its own owner unit (sees only its assets and devices);
 * - auditor: read-only, including the audit log.
 */
export const API_ROLES = ['admin', 'monitor', 'operator', 'utility', 'auditor'] as const;
export type ApiRole = (typeof API_ROLES)[number];

/** Who is calling, as the auth guard resolved it from the bearer token. */
export interface Principal {
  tokenId: string;
  role: ApiRole;
  /** Set for (and only for) utility tokens. */
  ownerUnitId?: string;
  /** Stable identity written to the audit log: `token:<id>`. */
  actor: string;
}

export interface AuthenticatedRequest extends IncomingMessage {
  principal?: Principal;
}

/** The owner unit a principal is confined to, or undefined when it sees every unit. */
export function ownerScope(principal: Principal): string | undefined {
  return principal.role === 'utility' ? principal.ownerUnitId : undefined;
}
