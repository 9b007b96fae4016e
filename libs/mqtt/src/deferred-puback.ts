import type { IPublishPacket, MqttClient, Packet } from 'mqtt';
import { OrderedAcks } from './ordered-acks.js';

type SendPacket = (packet: Packet, cb?: (err?: Error) => void, ...rest: unknown[]) => void;

/** What to do with one delivered message; `done` once it is durable (or failed). */
export type DeliveredHandler = (packet: IPublishPacket, done: (err?: Error | null) => void) => void;

export interface DeferredPubacks {
  /** From now on, messages are neither handled nor acknowledged: the broker keeps them for the next session. */
  hold(): void;
}

/**
 * Makes an mqtt.js client acknowledge a QoS 1 message only when `handler` says it is durable, without
 * processing messages one at a time.
 *
 * mqtt.js' own mechanism (`handleMessage`'s callback sends the PUBACK) also stops reading the next packet
 * until the callback runs (client.js `work()`), which would cap a subscriber at one message per InfluxDB
 * round trip. So the callback is called at once, the PUBACK mqtt.js then sends is suppressed, and the real
 * PUBACK is written when the handler's `done` fires, in arrival order (MQTT-4.6.0-2, ordered-acks.ts).
 * `_sendPacket` is mqtt.js' internal send (stable since 1.x); the function checks it exists, and
 * `test/ingest/external-source.test.ts` fails if an upgrade changes the behaviour.
 *
 * A PUBACK is never sent on a newer connection than the one that carried its PUBLISH: after a reconnect
 * the broker redelivers unacknowledged messages of the persistent session (MQTT-4.4.0-1) and those are
 * acknowledged instead. A failed `done(err)` drops the connection for the same redelivery.
 */
export function deferPubacks(client: MqttClient, handler: DeliveredHandler): DeferredPubacks {
  return new PubackDeferral(client, handler);
}

class PubackDeferral implements DeferredPubacks {
  private readonly send: SendPacket;
  /** PUBACKs mqtt.js is about to send on its own, to be swallowed: the real one follows `done`. */
  private readonly suppressed = new Set<number>();
  private acks = new OrderedAcks();
  /** Connection number: a PUBACK belongs to the connection its PUBLISH came on. */
  private generation = 0;
  private holding = false;

  constructor(
    private readonly client: MqttClient,
    private readonly handler: DeliveredHandler,
  ) {
    const internals = client as unknown as { _sendPacket?: SendPacket };
    if (typeof internals._sendPacket !== 'function') {
      throw new Error('mqtt.js internals changed: _sendPacket is gone (see deferred-puback.ts)');
    }
    this.send = internals._sendPacket.bind(client);
    internals._sendPacket = (packet, cb, ...rest) => this.sendPacket(packet, cb, ...rest);
    client.handleMessage = (packet, callback) => this.handleMessage(packet, callback);
    client.on('close', () => {
      this.generation++;
      this.acks = new OrderedAcks();
    });
  }

  hold(): void {
    this.holding = true;
  }

  private sendPacket(packet: Packet, cb?: (err?: Error) => void, ...rest: unknown[]): void {
    if (
      packet.cmd === 'puback' &&
      packet.messageId !== undefined &&
      this.suppressed.delete(packet.messageId)
    ) {
      cb?.();
      return;
    }
    this.send(packet, cb, ...rest);
  }

  private handleMessage(packet: Packet, callback: (err?: Error) => void): void {
    if (packet.cmd !== 'publish') return callback();
    const messageId = packet.qos === 1 ? packet.messageId : undefined;
    if (this.holding) {
      // Held: never acknowledged, so the broker keeps it for the next session.
      if (messageId !== undefined) this.suppressed.add(messageId);
      return callback();
    }
    if (messageId === undefined) {
      // QoS 0 has nothing to acknowledge (and QoS 2 is downgraded by our QoS 1 subscription).
      this.handler(packet, () => undefined);
      return callback();
    }
    const mine = this.generation;
    const done = this.acks.next((err) => {
      if (mine !== this.generation) return;
      if (err) return this.client.stream?.destroy(err);
      this.send({ cmd: 'puback', messageId });
    });
    this.suppressed.add(messageId);
    this.handler(packet, done);
    callback();
  }
}
