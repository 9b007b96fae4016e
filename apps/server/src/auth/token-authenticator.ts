import { Injectable } from '@nestjs/common';
import { sha256Hex } from '../common/secrets.js';
import { API_ROLES, type ApiRole, type Principal } from './principal.js';
import { TokenRepository, type TokenRow } from './token.repository.js';

/**
 * How long a lookup (hit or miss) is reused. Bounds how long a token revoked by *another* process keeps
 * working; in this process revocation clears the cache at once.
 */
const CACHE_TTL_MS = 30_000;
/** Caps memory if someone sprays random tokens at the API. */
const CACHE_MAX_ENTRIES = 10_000;
/** Longer values are not ours; no need to hash megabytes of header. */
const MAX_TOKEN_LENGTH = 512;

interface CacheEntry {
  principal: Principal | null;
  expiresAt: number;
}

/** Resolves a bearer token to a principal, with a short in-memory cache so auth isn't a query per request. */
@Injectable()
export class TokenAuthenticator {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(private readonly tokens: TokenRepository) {}

  async authenticate(token: string): Promise<Principal | null> {
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
    const hash = sha256Hex(token);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.expiresAt > now) return cached.principal;
    const row = await this.tokens.findActiveByHash(hash);
    const principal = row ? toPrincipal(row) : null;
    this.remember(hash, { principal, expiresAt: now + CACHE_TTL_MS });
    return principal;
  }

  /** Forgets every cached lookup; called after a revocation so it takes effect immediately. */
  invalidate(): void {
    this.cache.clear();
  }

  private remember(hash: string, entry: CacheEntry): void {
    this.cache.delete(hash);
    // A Map iterates in insertion order, so the first key is the oldest entry.
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(hash, entry);
  }
}

function toPrincipal(row: TokenRow): Principal | null {
  // A role this build doesn't know (written by a newer version) grants nothing.
  if (!(API_ROLES as readonly string[]).includes(row.role)) return null;
  return {
    tokenId: row.id,
    role: row.role as ApiRole,
    ...(row.owner_unit_id ? { ownerUnitId: row.owner_unit_id } : {}),
    actor: `token:${row.id}`,
  };
}
