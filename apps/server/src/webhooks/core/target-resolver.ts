import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Injectable } from '@nestjs/common';
import { checkTarget, type TargetPolicy, type Verdict, type WebhookUrl } from '#domain';
import { AppConfig } from '../../config/app-config.js';

/**
 * Resolves a webhook host and applies the SSRF policy (libs/domain target-policy.ts) to every address it
 * resolves to. Used when an endpoint is registered or its URL changed, and before every attempt; the
 * HTTP client then connects to the vetted address only (DNS-rebinding safe).
 */
@Injectable()
export class TargetResolver {
  readonly policy: TargetPolicy;

  constructor(config: AppConfig) {
    this.policy = config.webhooks.targets;
  }

  /** The host's addresses when all of them are allowed, else why not. */
  async vet(url: WebhookUrl): Promise<Verdict<string[]>> {
    let addresses: string[];
    if (isIP(url.hostname) !== 0) addresses = [url.hostname];
    else {
      try {
        addresses = (await lookup(url.hostname, { all: true, verbatim: true })).map((a) => a.address);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        return { ok: false, reason: `${url.hostname} does not resolve (${code})` };
      }
    }
    const verdict = checkTarget(url, addresses, this.policy);
    return verdict.ok ? { ok: true, value: addresses } : verdict;
  }
}
