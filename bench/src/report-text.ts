/** The fixed prose of the report: how each figure is measured, and how to reproduce a run. */

export function methodSection(): string[] {
  return [
    '## How it is measured',
    '',
    '- **Generator**: a separate process, open loop (a fixed send schedule whatever the service answers), one TCP connection per',
    '  sensor with MQTT 3.1.1 on raw sockets (the broker ACL lets a device publish only its own topics), QoS 1 JSON telemetry.',
    '- **Ingest-to-stored latency** = from the *scheduled* publish time to the PUBACK. The service sends the PUBACK only once the',
    '  reading is durable (its InfluxDB write returned 2xx, or it is in the disk spool), so this is the ingest-to-stored latency',
    '  plus one loopback hop; measuring from the schedule charges generator stalls too (no coordinated omission).',
    '- **Zero loss**: the generator records, per device, the range of seqs it sent; InfluxDB answers',
    '  `SELECT count("seq"), count(distinct("seq")) FROM telemetry WHERE time … GROUP BY device_id`; every device must count its',
    '  whole range (no timestamp is reused per device, so a count equal to the range means every reading stored once).',
    '- **CPU** from `/proc/<pid>/stat` utime + stime deltas (all threads) per process, in millicores (1000 = one core);',
    '  **RSS** from `/proc/<pid>/status` VmRSS. "Other work" is the whole machine (`/proc/stat`, all cores) minus the measured',
    '  processes: other engineers compiling and testing on the shared machine (and PostgreSQL). Where it is high, the',
    '  service got less CPU than the machine has, and its figures are noisy and pessimistic.',
    '- **R step held**: sends within 97 % of the target (else the generator is the limit), the unacknowledged backlog not',
    '  growing by more than 2 % of the rate per second over the step’s second half, PUBACK p99 ≤ 3 s, and the disk spool not',
    '  growing; then, after the run drains, zero loss for the step.',
  ];
}

export function reproduceSection(): string[] {
  return [
    '## Reproduce',
    '',
    '```sh',
    'npm run bench                          # everything, 15–25 minutes; writes docs/benchmarks.md',
    'npm run bench -- --quick               # smoke run with short steps, a few minutes',
    'npm run bench -- --workloads W1,R      # a subset of W1, R, S, A',
    'npm run bench -- --references store    # a subset of the raw references (broker, store, decode), or --no-references',
    'npm run bench -- --ramp-step-seconds 30 --ramp-start 10000 --max-p99-ms 2000',
    'npm run bench -- --out /tmp/b.md       # report elsewhere',
    'node dist/bench/src/cli.js --render .data/bench/results/latest.json   # the report again, no measuring',
    'npm run test:unit -- bench            # the bench’s unit specs',
    '```',
    '',
    '`scripts/bench.sh` installs and starts its own InfluxDB (:28086) and PostgreSQL (:25433) with data under `.data/bench`',
    '(wiped at each run; `BENCH_DATA`, `BENCH_INFLUX_PORT`, `BENCH_PG_PORT` move them), raises the open-files limit, builds,',
    'runs `dist/bench/src/cli.js` and stops the servers on exit. Each workload gets a fresh service process, InfluxDB',
    'database and spool; the devices are registered once through the API by `seeds load`.',
  ];
}
