import { Injectable } from '@nestjs/common';
import type { Db } from '#postgres';
import { AuditService } from '../audit/audit.service.js';
import { PG_FOREIGN_KEY_VIOLATION, pgErrorCode } from '../common/pg-errors.js';
import { randomSecret, sha256Hex } from '../common/secrets.js';
import { InjectDb } from '../database/database.module.js';
import { AuthException } from './auth.exception.js';
import type { Principal } from './principal.js';
import { TokenAuthenticator } from './token-authenticator.js';
import { TokenRepository } from './token.repository.js';
import { toTokenView, type CreateTokenDto, type IssuedTokenView, type TokenView } from './tokens.dto.js';

/** Issues and revokes API tokens; every change is audited in the same transaction. */
@Injectable()
export class TokensService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly tokens: TokenRepository,
    private readonly authenticator: TokenAuthenticator,
    private readonly audit: AuditService,
  ) {}

  async issue(input: CreateTokenDto, by: Principal): Promise<IssuedTokenView> {
    assertScope(input);
    const token = randomSecret('ll_');
    try {
      const row = await this.db.transaction().execute(async (trx) => {
        const created = await this.tokens.insert(
          { ...input, tokenHash: sha256Hex(token), createdBy: by.actor },
          trx,
        );
        await this.audit.record(
          {
            actor: by.actor,
            role: by.role,
            action: 'token.issue',
            targetType: 'token',
            targetId: created.id,
            detail: { ...input },
          },
          trx,
        );
        return created;
      });
      return { ...toTokenView(row), token };
    } catch (error) {
      // The FK on api_tokens.owner_unit_id is the existence check; no need to read the registry's table.
      if (pgErrorCode(error) !== PG_FOREIGN_KEY_VIOLATION) throw error;
      throw new AuthException('TOKEN_SCOPE_INVALID', `owner unit ${input.ownerUnitId} does not exist`, {
        errors: [{ field: 'ownerUnitId', message: 'unknown owner unit' }],
      });
    }
  }

  async list(): Promise<TokenView[]> {
    return (await this.tokens.list()).map(toTokenView);
  }

  async revoke(id: string, by: Principal): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const revoked = await this.tokens.revoke(id, trx);
      if (!revoked) throw new AuthException('TOKEN_NOT_FOUND', `no active token ${id}`);
      await this.audit.record(
        {
          actor: by.actor,
          role: by.role,
          action: 'token.revoke',
          targetType: 'token',
          targetId: id,
          detail: {},
        },
        trx,
      );
    });
    this.authenticator.invalidate();
  }
}

function assertScope(input: CreateTokenDto): void {
  if (input.role === 'utility' && !input.ownerUnitId) {
    throw new AuthException('TOKEN_SCOPE_INVALID', 'a utility token must name its owner unit', {
      errors: [{ field: 'ownerUnitId', message: 'required when role is utility' }],
    });
  }
  if (input.role !== 'utility' && input.ownerUnitId) {
    throw new AuthException('TOKEN_SCOPE_INVALID', 'only utility tokens are scoped to an owner unit', {
      errors: [{ field: 'ownerUnitId', message: `not allowed for role ${input.role}` }],
    });
  }
}
