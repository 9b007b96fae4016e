import { createHash, randomBytes } from 'node:crypto';

/**
 * 32 random bytes (256 bits), base64url: unguessable, so a fast hash is enough at rest
 * (docs/decisions/0005-auth-tokens.md).
 */
export function randomSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** sha256 hex: how bearer tokens and device secrets are stored and looked up. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
