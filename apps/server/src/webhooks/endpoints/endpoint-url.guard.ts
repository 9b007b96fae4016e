import { Injectable } from '@nestjs/common';
import { parseWebhookUrl } from '#domain';
import { EndpointCredentials } from '../core/endpoint-credentials.js';
import { TargetResolver } from '../core/target-resolver.js';
import { WebhookException } from '../webhooks.exception.js';

export interface AcceptedUrl {
  /** Stored and shown: no credentials, no fragment. */
  href: string;
  /** `user:password` from the URL, sealed; null when there were none. */
  credentialsEnc: string | null;
}

/**
 * Accepts a webhook URL at registration or change: http(s) only, and a host whose every address the SSRF
 * policy allows right now (it is checked again before each attempt). Credentials in the URL are taken
 * out, sealed, and never echoed back.
 */
@Injectable()
export class EndpointUrlGuard {
  constructor(
    private readonly resolver: TargetResolver,
    private readonly credentials: EndpointCredentials,
  ) {}

  async accept(text: string, endpointId: string): Promise<AcceptedUrl> {
    const parsed = parseWebhookUrl(text);
    if (!parsed.ok) throw refused(parsed.reason);
    const vetted = await this.resolver.vet(parsed.value);
    if (!vetted.ok) throw refused(vetted.reason);
    const c = parsed.value.credentials;
    return {
      href: parsed.value.href,
      credentialsEnc: c === null ? null : this.credentials.seal(endpointId, `${c.username}:${c.password}`),
    };
  }
}

function refused(reason: string): WebhookException {
  return new WebhookException('WEBHOOK_URL_REFUSED', `url refused: ${reason}`, {
    errors: [{ field: 'url', message: reason }],
  });
}
