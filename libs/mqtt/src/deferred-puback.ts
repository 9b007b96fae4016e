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
  const internals = client as unknown as { _sendPacket?: SendPacket };
  if (typeof internals._sendPacket !== 'function') {
    throw new Error('mqtt.js internals changed: _sendPacket is gone (see deferred-puback.ts)');
  }
  const send: SendPacket = internals._sendPacket.bind(client);
  const suppressed = new Set<number>();
  let acks = new OrderedAcks();
  let generation = 0;
  let holding = false;
  client.on('close', () => {
    generation++;
    acks = new OrderedAcks();
  });

  internals._sendPacket = (packet: Packet, cb?: (err?: Error) => void, ...rest: unknown[]) => {
    if (packet.cmd === 'puback' && packet.messageId !== undefined && suppressed.delete(packet.messageId)) {
      cb?.();
      return;
    }
    send(packet, cb, ...rest);
  };

  client.handleMessage = (packet, callback) => {
    if (packet.cmd !== 'publish' || holding) {
      if (packet.cmd === 'publish' && packet.qos === 1 && packet.messageId !== undefined)
        suppressed.add(packet.messageId);
      return callback();
    }
    const messageId = packet.messageId;
    if (packet.qos !== 1 || messageId === undefined) {
      handler(packet, () => undefined);
      return callback();
    }
    const mine = generation;
    const done = acks.next((err) => {
      if (mine !== generation) return;
      if (err) return client.stream?.destroy(err);
      send({ cmd: 'puback', messageId });
    });
    suppressed.add(messageId);
    handler(packet, done);
    callback();
  };

  return {
    hold: () => {
      holding = true;
    },
  };
}
