import { jest } from '@jest/globals';
import { sha256Hex } from '../common/secrets.js';
import { TokenAuthenticator } from './token-authenticator.js';
import type { TokenRepository, TokenRow } from './token.repository.js';

/** In-memory stand-in for the repository: counts lookups, revokes by deleting. */
class FakeTokens {
  lookups = 0;
  readonly rows = new Map<string, TokenRow>();
  add(token: string, role: string, ownerUnitId: string | null = null): void {
    const hash = sha256Hex(token);
    this.rows.set(hash, {
      id: `id-${token}`,
      token_hash: hash,
      role,
      owner_unit_id: ownerUnitId,
      label: null,
      created_by: null,
      created_at: new Date(),
      revoked_at: null,
    });
  }
  async findActiveByHash(hash: string): Promise<TokenRow | undefined> {
    this.lookups++;
    return this.rows.get(hash);
  }
}

describe('TokenAuthenticator', () => {
  let tokens: FakeTokens;
  let auth: TokenAuthenticator;
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-22T08:00:00Z') });
    tokens = new FakeTokens();
    auth = new TokenAuthenticator(tokens as unknown as TokenRepository);
  });
  afterEach(() => jest.useRealTimers());

  it('resolves a principal with its actor and scope', async () => {
    tokens.add('ll_u', 'utility', 'gas-co');
    expect(await auth.authenticate('ll_u')).toEqual({
      tokenId: 'id-ll_u',
      role: 'utility',
      ownerUnitId: 'gas-co',
      actor: 'token:id-ll_u',
    });
  });

  it('reuses a lookup for 30 s, then asks again', async () => {
    tokens.add('ll_a', 'admin');
    await auth.authenticate('ll_a');
    await auth.authenticate('ll_a');
    expect(tokens.lookups).toBe(1);
    jest.advanceTimersByTime(30_001);
    await auth.authenticate('ll_a');
    expect(tokens.lookups).toBe(2);
  });

  it('forgets everything on invalidate, so a revocation is effective at once', async () => {
    tokens.add('ll_a', 'admin');
    await auth.authenticate('ll_a');
    tokens.rows.clear();
    auth.invalidate();
    expect(await auth.authenticate('ll_a')).toBeNull();
  });

  it('grants nothing to empty, oversized or unknown-role tokens', async () => {
    tokens.add('ll_x', 'superuser');
    expect(await auth.authenticate('')).toBeNull();
    expect(await auth.authenticate('x'.repeat(513))).toBeNull();
    expect(await auth.authenticate('ll_x')).toBeNull();
  });
});
