import {
  startWebhookReceiver,
  type ReceivedWebhook,
  type ReceiverAnswer,
  type WebhookReceiver,
} from '../../apps/server/src/webhooks/reference-receiver.js';

export type { ReceivedWebhook, ReceiverAnswer };

/**
 * A real HTTP receiver on 127.0.0.1 for the webhook tests: every request is verified with
 * `standardwebhooks` `Webhook.verify` (the reference receiver), and its answers can be scripted.
 */
export interface TestReceiver extends WebhookReceiver {
  /** The next deliveries get these answers, in order; afterwards `fallback`. */
  script(...answers: ReceiverAnswer[]): void;
  /** The answer once the script is used up (default 204). */
  fallback(answer: ReceiverAnswer | ((d: ReceivedWebhook) => ReceiverAnswer)): void;
  /** Resolves once `predicate` holds over the received deliveries (polls; fails after `timeoutMs`). */
  waitFor(
    predicate: (received: readonly ReceivedWebhook[]) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<void>;
  /** Deliveries carrying one event type. */
  ofType(type: string): ReceivedWebhook[];
}

export async function startTestReceiver(): Promise<TestReceiver> {
  const queue: ReceiverAnswer[] = [];
  let fallback: (d: ReceivedWebhook) => ReceiverAnswer = () => ({ status: 204 });
  // Until setSecrets() is called nothing verifies, so nothing is received by accident.
  const receiver = await startWebhookReceiver({
    secrets: ['whsec_' + Buffer.from('placeholder-secret-not-used-by-any').toString('base64')],
    answer: (d) => queue.shift() ?? fallback(d),
  });
  return Object.assign(receiver, {
    script: (...answers: ReceiverAnswer[]) => void queue.push(...answers),
    fallback: (a: ReceiverAnswer | ((d: ReceivedWebhook) => ReceiverAnswer)) => {
      fallback = typeof a === 'function' ? a : () => a;
    },
    waitFor: async (
      predicate: (r: readonly ReceivedWebhook[]) => boolean,
      what: string,
      timeoutMs = 30_000,
    ) => {
      const until = Date.now() + timeoutMs;
      while (!predicate(receiver.received)) {
        if (Date.now() > until)
          throw new Error(
            `timed out waiting for ${what}; received ${receiver.received.length}: ${summary(receiver.received)}`,
          );
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    ofType: (type: string) => receiver.received.filter((d) => d.event.type === type),
  });
}

function summary(received: readonly ReceivedWebhook[]): string {
  return received
    .slice(-20)
    .map(
      (d) =>
        `${d.event.type}#${JSON.stringify(d.event.data.sequence ?? '-')}(${d.webhookId.slice(0, 10)}×${d.copy})`,
    )
    .join(' ');
}
