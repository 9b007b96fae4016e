import mqttPacket from 'mqtt-packet';
import { PublishEncoder } from '../../simulators/src/load/wire.js';
import { CONNACK, PUBACK, PUBLISH, PacketReader, connectPacket } from './mqtt-wire.js';

function parse(buf: Buffer): mqttPacket.Packet[] {
  const parser = mqttPacket.parser({ protocolVersion: 4 });
  const out: mqttPacket.Packet[] = [];
  parser.on('packet', (p) => out.push(p));
  parser.on('error', (e) => {
    throw e;
  });
  parser.parse(buf);
  return out;
}

describe('connectPacket', () => {
  it('is a 3.1.1 clean-session CONNECT with the device credentials', () => {
    const [p] = parse(connectPacket('bench-1', 'GAS-DEV-0001', 's3cret'));
    expect(p).toMatchObject({
      cmd: 'connect',
      protocolVersion: 4,
      clean: true,
      keepalive: 0,
      clientId: 'bench-1',
      username: 'GAS-DEV-0001',
    });
    expect((p as mqttPacket.IConnectPacket).password?.toString()).toBe('s3cret');
  });
});

describe('PacketReader', () => {
  it('splits at the same boundaries as mqtt-packet', () => {
    const frames = [
      new PublishEncoder('t/1').encode(1, 'a'),
      new PublishEncoder('t/2').encode(2, 'b'.repeat(20_000)),
    ];
    const sizes: number[] = [];
    new PacketReader().push(Buffer.concat(frames), (_type, body) => sizes.push(body.length));
    expect(parse(Buffer.concat(frames))).toHaveLength(2);
    expect(sizes).toEqual([2 + 3 + 2 + 1, 2 + 3 + 2 + 20_000]);
  });

  const connack = Buffer.from([0x20, 0x02, 0x00, 0x00]);
  const puback = (id: number): Buffer => Buffer.from([0x40, 0x02, id >> 8, id & 0xff]);
  const stream = Buffer.concat([
    connack,
    puback(1),
    puback(2),
    puback(65535),
    // The frames the generator writes (the simulators' encoder), with a payload needing a 2-byte length.
    new PublishEncoder('lifeline/v1/gas/GAS-DEV-0001/telemetry').encode(9, 'z'.repeat(200)),
  ]);

  function read(chunks: Buffer[]): Array<[number, string]> {
    const reader = new PacketReader();
    const out: Array<[number, string]> = [];
    for (const c of chunks)
      reader.push(c, (type, body) => out.push([type, body.toString('hex').slice(0, 12)]));
    return out;
  }

  const expected = read([stream]);

  it('splits one chunk holding many packets', () => {
    expect(expected.map(([t]) => t)).toEqual([CONNACK, PUBACK, PUBACK, PUBACK, PUBLISH]);
    expect(expected[3][1]).toBe('ffff');
  });

  it.each([1, 2, 3, 5, 7, 64])('gives the same packets when the stream arrives in %d-byte pieces', (size) => {
    const chunks: Buffer[] = [];
    for (let o = 0; o < stream.length; o += size) chunks.push(stream.subarray(o, o + size));
    expect(read(chunks)).toEqual(expected);
  });

  it('throws on a Remaining Length longer than 4 bytes', () => {
    expect(() =>
      new PacketReader().push(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]), () => undefined),
    ).toThrow(/malformed/);
  });
});
