import { createHash, randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Standard Webhooks signing (PEERS.md §3; spec 1.0.0 "Signature scheme"): `v1,<base64 HMAC-SHA256 of
 * msg_id.timestamp.body>` with a `whsec_` secret of 24–64 random bytes. Signing goes through the
 * reference `standardwebhooks` library, the same one receivers verify with.
 */

/** 32 random bytes (256 bits, inside the spec's 24–64), base64, `whsec_` prefix. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The `webhook-signature` header: one `v1,…` per secret, space-separated, so during a rotation the old
 * and the new secret both verify (spec "zero downtime rotation").
 */
export function signatureHeader(
  secrets: readonly string[],
  messageId: string,
  timestampS: number,
  body: string,
): string {
  const at = new Date(timestampS * 1000);
  return secrets.map((secret) => new Webhook(secret).sign(messageId, at, body)).join(' ');
}

/**
 * The `webhook-id` of an event's delivery to an endpoint: derived from both, so it is the same on every
 * attempt and replay and can never collide with another endpoint's. Base64url has no `.` (which the
 * spec forbids in ids, because `.` separates the signed parts).
 */
export function messageIdFor(endpointId: string, eventId: number): string {
  const digest = createHash('sha256').update(`${endpointId}:${eventId}`).digest('base64url');
  return `msg_${digest.slice(0, 27)}`;
}

/** A fresh id for a test send. */
export function testMessageId(): string {
  return `msg_test_${randomBytes(16).toString('base64url')}`;
}
