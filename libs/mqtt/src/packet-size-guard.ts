import type { Client } from 'aedes';

/** The part of mqtt-packet's parser this guard relies on (mqtt-packet 6–9: states run by name). */
interface PacketParser {
  packet: { cmd?: string; length: number };
  _parseLength(): boolean;
  _emitError(err: Error): void;
}

/**
 * Refuses any MQTT packet whose Remaining Length exceeds `maxBytes` as soon as its fixed header is read,
 * before the body is buffered. MQTT 3.1.1 allows 256 MB packets (§2.2.3) and has no way to announce a
 * smaller maximum (MQTT 5's Maximum Packet Size, §3.1.2.11.4, does not exist in 3.1.1), so closing the
 * connection is the only refusal; aedes and mqtt-packet expose no option for it, hence this hook into the
 * parser aedes creates per client. `test/ingest/broker-auth.test.ts` guards the behaviour across upgrades.
 */
export function capPacketSize(
  client: Client,
  maxBytes: number,
  onTooLarge: (length: number, cmd: string) => void,
): void {
  const parser = (client as unknown as { _parser?: PacketParser })._parser;
  if (!parser || typeof parser._parseLength !== 'function' || typeof parser._emitError !== 'function') {
    throw new Error(
      'aedes/mqtt-packet internals changed: cannot cap the packet size (see packet-size-guard.ts)',
    );
  }
  const parseLength = parser._parseLength.bind(parser);
  parser._parseLength = function guardedParseLength(this: PacketParser): boolean {
    const complete = parseLength();
    if (complete && this.packet.length > maxBytes) {
      onTooLarge(this.packet.length, this.packet.cmd ?? 'unknown');
      this._emitError(new Error(`packet of ${this.packet.length} bytes exceeds the ${maxBytes}-byte limit`));
      return false;
    }
    return complete;
  };
}
