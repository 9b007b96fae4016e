import {
  BEHIND,
  BEHIND_NOTE,
  connectLines,
  countersText,
  fellBehind,
  int,
  ms,
  num,
  table,
  windowTable,
} from './report-format.js';
import type { BenchResult, RampResult } from './results.js';

/** Report sections shared by the service and the raw broker (ramps), the raw references and the ratios. */

/** The ratio, or its upper bound when no ramp step held. */
export function ratioText(a: BenchResult['ratios']): string {
  if (a.sustainedOverSlowerRaw !== null) return num(a.sustainedOverSlowerRaw, 2);
  return a.sustainedBelowRatio !== null ? `< ${num(a.sustainedBelowRatio, 2)}` : 'n/a';
}

export function rampBody(w: RampResult, service: string): string[] {
  const rows = w.steps.map((s) => {
    const t = s.window.traffic;
    const p = s.window.processes[service];
    const growth =
      s.judged && s.judged.seconds > 0
        ? (s.judged.outstandingEnd - s.judged.outstandingStart) / s.judged.seconds
        : NaN;
    return [
      int(s.rate),
      int(t.sentRate),
      int(t.ackedRate),
      ms(t.latency.p50),
      ms(t.latency.p99),
      num(growth, 0),
      num(p?.millicores, 0),
      num(p?.millicoresPer1k, 0) + (fellBehind(t) ? BEHIND : ''),
      num(p?.rssMaxMiB, 0),
      s.decision.verdict + (s.decision.reasons.length ? `: ${s.decision.reasons.join('; ')}` : ''),
      s.loss
        ? s.loss.zeroLoss
          ? `0 of ${int(s.loss.sent)}`
          : `**${int(s.loss.missing)}** of ${int(s.loss.sent)}`
        : '—',
    ];
  });
  return [
    `${w.steps.length} step${w.steps.length === 1 ? '' : 's'} of ${w.stepSeconds} s after a warm-up at the first rate; figures over the second half of each step (the judged half).`,
    '',
    ...table(
      [
        'target/s',
        'sent/s',
        'acked/s',
        'p50',
        'p99',
        'backlog Δ/s',
        'CPU mcores',
        'mcores per 1k/s',
        'RSS MiB',
        'verdict',
        'missing',
      ],
      rows,
    ),
    ...(w.steps.some((s) => fellBehind(s.window.traffic)) ? ['', BEHIND_NOTE] : []),
    '',
    `**Highest rate held: ${w.highestHeld === null ? 'none' : `${int(w.highestHeld)} readings/s`}**${w.generatorLimited ? ' (the generator, not the service, stopped the ramp: the limit is higher)' : ''}. Stopped: ${w.stoppedBecause}.`,
    `Backlog drained ${num(w.drainSeconds, 1)} s after the last send.${w.counters ? ` Service counters: ${countersText(w.counters)}.` : ''}`,
  ];
}

export function referencesSection(r: BenchResult): string[] {
  const out = ['## Raw references (same run, same machine)', ''];
  const b = r.references.rawBroker;
  out.push('### Raw broker — aedes alone, no auth, in-process no-op subscriber, same generator', '');
  if (b) {
    out.push(
      ...connectLines(b.steady.connect),
      '',
      ...windowTable([b.steady.window], 'rawBroker'),
      '',
      ...rampBody(b.ramp, 'rawBroker'),
      '',
    );
  } else out.push('Not measured.', '');
  const s = r.references.rawStore;
  out.push(
    `### Raw store — pre-rendered line protocol, ${s ? int(s.batchLines) : '5,000'}-line batches POSTed to the same InfluxDB`,
    '',
  );
  if (s) {
    out.push(
      ...table(
        ['body', 'in flight', 'lines', 'seconds', 'lines/s', 'failed', 'influxd mcores', 'machine mcores'],
        s.runs.map((x) => [
          x.form,
          String(x.inFlight),
          int(x.lines),
          num(x.seconds, 2),
          int(x.linesPerSecond),
          String(x.failures),
          num(x.influxdMillicores, 0),
          num(x.machineMillicores, 0),
        ]),
      ),
      '',
      `Raw store figure used below: ${int(s.best)} lines/s (best gzip run: the body form the service's writer sends).`,
      '',
    );
  } else out.push('Not measured.', '');
  const d = r.references.rawDecode;
  out.push('### Raw decode — JSON.parse + `validateTelemetry` over the payloads W1 sent, one core', '');
  if (d) {
    out.push(
      ...table(
        ['payloads', 'readings/s', 'decode + validate µs', 'encode line µs', 'gzip µs', 'rejected'],
        [
          [
            int(d.payloads),
            int(d.readingsPerSecond),
            num(d.decodeUs, 2),
            num(d.encodeUs, 2),
            num(d.gzipUs, 2),
            String(d.rejected),
          ],
        ],
      ),
    );
  } else out.push('Not measured.');
  return out;
}

export function ratiosSection(r: BenchResult): string[] {
  const a = r.ratios;
  const parts = Object.entries(a.stageParts)
    .map(([k, v]) => `${k} ${num(v, 1)} µs`)
    .join(' + ');
  return [
    '## Ratios',
    '',
    ...table(
      ['ratio', 'value', 'from'],
      [
        [
          'sustained / min(raw broker, raw store)',
          ratioText(a),
          `${a.sustained !== null ? int(a.sustained) : a.sustainedBelow !== null ? `< ${int(a.sustainedBelow)}` : 'n/a'} / min(${a.rawBroker === null ? 'n/a' : `${a.rawBrokerAtLeast ? '≥ ' : ''}${int(a.rawBroker)}`}, ${a.rawStore === null ? 'n/a' : int(a.rawStore)})`,
        ],
        [
          'service CPU per reading / sum of stage costs',
          num(a.cpuOverStages, 2),
          `${num(a.serviceCpuUs, 1)} µs / ${num(a.stageSumUs, 1)} µs (${parts})`,
        ],
      ],
    ),
    '',
    'The service CPU per reading is measured at W1 (10k readings/s); the broker stage is the raw broker process at the same',
    'load; decode, encode and gzip are measured alone on one core. What the sum leaves out — NestJS, the durable-ack path,',
    'the spool, metrics, PostgreSQL side effects, HTTP to InfluxDB — is the difference.',
  ];
}
