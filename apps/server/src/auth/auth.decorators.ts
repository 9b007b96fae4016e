import {
  createParamDecorator,
  SetMetadata,
  type CustomDecorator,
  type ExecutionContext,
} from '@nestjs/common';
import type { ApiRole, AuthenticatedRequest, Principal } from './principal.js';

export const ROLES_KEY = 'lifeline:roles';
export const PUBLIC_KEY = 'lifeline:public';

/** Roles allowed on a handler or controller (admin is always allowed). Without it, any valid token is. */
export const Roles = (...roles: ApiRole[]): CustomDecorator<string> => SetMetadata(ROLES_KEY, roles);

/** Marks a route that needs no token: health probes and metrics (firewall those), never /api/v1 data. */
export const Public = (): CustomDecorator<string> => SetMetadata(PUBLIC_KEY, true);

/** The calling principal, set by the auth guard. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  // Only reachable on a @Public() route, which must not ask for a principal.
  if (!principal) throw new Error('@CurrentPrincipal() used on a route without authentication');
  return principal;
});
