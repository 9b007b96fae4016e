import { Injectable } from '@nestjs/common';
import { WebhookException } from '../webhooks.exception.js';
import { SecretBox } from './secret-box.js';

/** An endpoint's sealed secrets as stored (webhook_endpoints columns). */
export interface SealedEndpointSecrets {
  endpointId: string;
  secretEnc: string;
  previousSecretEnc: string | null;
  previousSecretExpiresAt: Date | null;
  urlCredentialsEnc: string | null;
}

/** Seals and opens an endpoint's signing secrets and URL credentials, each bound to the endpoint id. */
@Injectable()
export class EndpointCredentials {
  constructor(private readonly box: SecretBox) {}

  seal(endpointId: string, plaintext: string): string {
    return this.box.seal(plaintext, endpointId);
  }

  /**
   * The current secret, plus the previous one while its rotation overlap lasts. A previous secret sealed
   * under an older WEBHOOK_SECRET_KEY is left out (rotating is how an endpoint recovers from a key change).
   */
  signingSecrets(sealed: SealedEndpointSecrets, now: Date): string[] {
    const secrets = [this.box.open(sealed.secretEnc, sealed.endpointId)];
    const previousValid = sealed.previousSecretExpiresAt !== null && sealed.previousSecretExpiresAt > now;
    if (sealed.previousSecretEnc === null || !previousValid) return secrets;
    try {
      secrets.push(this.box.open(sealed.previousSecretEnc, sealed.endpointId));
    } catch (error) {
      if (!(error instanceof WebhookException)) throw error;
    }
    return secrets;
  }

  /** `Authorization: Basic …` for credentials given in the URL (RFC 7617), or undefined. */
  basicAuth(sealed: SealedEndpointSecrets): string | undefined {
    if (sealed.urlCredentialsEnc === null) return undefined;
    const userPass = this.box.open(sealed.urlCredentialsEnc, sealed.endpointId);
    return `Basic ${Buffer.from(userPass, 'utf8').toString('base64')}`;
  }
}
