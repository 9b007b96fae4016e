import { encodeReadingLine, type StoredReading, type TelemetryWriter } from '#influx';

/** A reading factory: device `d` of asset `a`, one point per seq, 10 ms apart so no two points collide. */
export function reading(
  over: Partial<StoredReading> & { seq: number },
  baseTs = 1_763_798_400_000,
): StoredReading {
  return {
    domain: 'gas',
    district: 'Kangbashi',
    assetId: 'GAS-SEG-0001',
    deviceId: 'GAS-DEV-0001',
    ts: baseTs + over.seq * 10,
    metrics: { ch4_lel: (over.seq % 50) / 10, temperature_c: 11.5 },
    quality: 'good',
    batteryPct: 86,
    rssiDbm: -78,
    ...over,
  };
}

/** `perDevice` lines for each of `devices` devices, interleaved the way devices would publish them. */
export function readingLines(devices: number, perDevice: number, seqFrom = 0): string[] {
  const lines: string[] = [];
  for (let seq = seqFrom; seq < seqFrom + perDevice; seq++) {
    for (let d = 0; d < devices; d++)
      lines.push(encodeReadingLine(reading({ seq, deviceId: deviceName(d) })));
  }
  return lines;
}

export function deviceName(i: number): string {
  return `GAS-DEV-${String(i).padStart(4, '0')}`;
}

/** Writes each line as its own call (one MQTT message each) and resolves with every callback's error. */
export function writeEach(writer: TelemetryWriter, lines: readonly string[]): Promise<(Error | undefined)[]> {
  return Promise.all(
    lines.map((line) => new Promise<Error | undefined>((resolve) => writer.write([line], resolve))),
  );
}

/** Polls until `check` holds; fails with `what` after `timeoutMs`. Tests never assert on timing itself. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
