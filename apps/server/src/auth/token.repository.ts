import { Injectable } from '@nestjs/common';
import type { Selectable } from 'kysely';
import type { ApiTokenTable, Db } from '#postgres';
import { InjectDb } from '../database/database.module.js';

export type TokenRow = Selectable<ApiTokenTable>;

export interface NewToken {
  tokenHash: string;
  role: string;
  ownerUnitId?: string;
  label?: string;
  createdBy: string;
}

/** Marks the tokens the server itself created from ADMIN_TOKEN, so a changed ADMIN_TOKEN retires the old one. */
export const BOOTSTRAP_CREATOR = 'system:ADMIN_TOKEN';

/** SQL for `api_tokens`. Methods taking `db` run inside the caller's transaction. */
@Injectable()
export class TokenRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async findActiveByHash(tokenHash: string): Promise<TokenRow | undefined> {
    return this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  }

  async insert(token: NewToken, db: Db = this.db): Promise<TokenRow> {
    return db
      .insertInto('api_tokens')
      .values({
        token_hash: token.tokenHash,
        role: token.role,
        owner_unit_id: token.ownerUnitId ?? null,
        label: token.label ?? null,
        created_by: token.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async list(): Promise<TokenRow[]> {
    return this.db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').execute();
  }

  /** Revokes an active token; undefined when there is none with that id. */
  async revoke(id: string, db: Db = this.db): Promise<TokenRow | undefined> {
    return db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Makes `tokenHash` an active admin token and revokes earlier bootstrap tokens with another hash, in one
   * transaction: changing ADMIN_TOKEN and restarting rotates it.
   */
  async upsertBootstrapAdmin(tokenHash: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('api_tokens')
        .set({ revoked_at: new Date() })
        .where('created_by', '=', BOOTSTRAP_CREATOR)
        .where('token_hash', '<>', tokenHash)
        .where('revoked_at', 'is', null)
        .execute();
      await trx
        .insertInto('api_tokens')
        .values({ token_hash: tokenHash, role: 'admin', label: 'ADMIN_TOKEN', created_by: BOOTSTRAP_CREATOR })
        .onConflict((oc) =>
          oc.column('token_hash').doUpdateSet({
            role: 'admin',
            owner_unit_id: null,
            revoked_at: null,
            created_by: BOOTSTRAP_CREATOR,
          }),
        )
        .execute();
    });
  }
}
