import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminBootstrap } from './admin-bootstrap.js';
import { AuthGuard } from './auth.guard.js';
import { TokenAuthenticator } from './token-authenticator.js';
import { TokenRepository } from './token.repository.js';

/**
 * Authentication for every role of the process: the global guard (fail-closed) and ADMIN_TOKEN bootstrap.
 * Token management endpoints live in TokensApiModule (api role only).
 */
@Module({
  providers: [
    TokenRepository,
    TokenAuthenticator,
    AdminBootstrap,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenRepository, TokenAuthenticator],
})
export class AuthModule {}
