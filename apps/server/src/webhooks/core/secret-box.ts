import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { WebhookException } from '../webhooks.exception.js';

const VERSION = 'v1';
/** 96-bit nonce: the size GCM is defined for (NIST SP 800-38D §8.2). */
const IV_BYTES = 12;

/**
 * Encrypts endpoint signing secrets at rest with AES-256-GCM (docs/decisions/0010-webhook-outbox.md).
 * A signing secret must be usable to sign, so unlike API tokens (0005) it cannot be stored as a hash.
 * Each value is bound to its row by GCM's additional data (the endpoint id), so a ciphertext copied onto
 * another endpoint does not decrypt. Format: `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts);
 * the key id (first 8 hex digits of sha256(key)) tells a changed WEBHOOK_SECRET_KEY from a corrupt value.
 */
@Injectable()
export class SecretBox implements OnModuleInit {
  private readonly logger = new Logger('Webhooks');
  private readonly key: Buffer;
  private readonly keyId: string;

  constructor(private readonly config: AppConfig) {
    this.key = config.webhooks.secretKey;
    this.keyId = createHash('sha256').update(this.key).digest('hex').slice(0, 8);
  }

  onModuleInit(): void {
    if (!this.config.webhooks.secretKeyIsDevDefault) return;
    this.logger.warn(
      '!!! WEBHOOK_SECRET_KEY is not set: webhook signing secrets are encrypted with a fixed DEVELOPMENT key ' +
        'that anyone with the source code knows. Set WEBHOOK_SECRET_KEY (openssl rand -base64 32) before real use; ' +
        'endpoints registered meanwhile must then be re-created or have their secret rotated. !!!',
    );
  }

  seal(plaintext: string, boundTo: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.keyId, iv, cipher.getAuthTag(), ciphertext]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  open(sealed: string, boundTo: string): string {
    const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || ciphertext === undefined)
      throw new WebhookException('WEBHOOK_SECRET_UNREADABLE', 'stored secret has an unknown format');
    if (keyId !== this.keyId)
      throw new WebhookException(
        'WEBHOOK_SECRET_UNREADABLE',
        `stored secret was encrypted with key ${keyId}, WEBHOOK_SECRET_KEY is ${this.keyId}`,
      );
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(boundTo, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch (error) {
      throw new WebhookException('WEBHOOK_SECRET_UNREADABLE', 'stored secret failed authentication', {
        cause: error,
      });
    }
  }
}
