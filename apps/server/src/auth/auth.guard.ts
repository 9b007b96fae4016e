import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ServerResponse } from 'node:http';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators.js';
import { AuthException } from './auth.exception.js';
import type { ApiRole, AuthenticatedRequest, Principal } from './principal.js';
import { TokenAuthenticator } from './token-authenticator.js';

/**
 * The global guard: every route needs a valid bearer token unless it is `@Public()`, and `@Roles(...)`
 * narrows who may call it. Fails closed, so a controller added without thinking about auth is protected.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: TokenAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets)) return true;
    const http = context.switchToHttp();
    const principal = await this.authenticate(
      http.getRequest<AuthenticatedRequest>(),
      http.getResponse<ServerResponse>(),
    );
    const roles = this.reflector.getAllAndOverride<ApiRole[] | undefined>(ROLES_KEY, targets);
    if (roles && principal.role !== 'admin' && !roles.includes(principal.role)) {
      throw new AuthException(
        'ROLE_FORBIDDEN',
        `role ${principal.role} may not do this; allowed: admin, ${roles.join(', ')}`,
      );
    }
    return true;
  }

  private async authenticate(req: AuthenticatedRequest, res: ServerResponse): Promise<Principal> {
    const token = bearerToken(req.headers.authorization);
    if (token === undefined) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="lifeline"');
      throw new AuthException('UNAUTHENTICATED', 'an Authorization: Bearer <token> header is required');
    }
    const principal = await this.authenticator.authenticate(token);
    if (!principal) {
      // RFC 6750 §3.1: say the token itself is the problem.
      res.setHeader('WWW-Authenticate', 'Bearer realm="lifeline", error="invalid_token"');
      throw new AuthException('UNAUTHENTICATED', 'the bearer token is unknown or revoked');
    }
    req.principal = principal;
    return principal;
  }
}

/** RFC 6750 §2.1: `Authorization: Bearer <token>`, scheme case-insensitive. */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
