import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { deviceTopic } from '#contracts';
import { PayloadTemplate } from '../../simulators/src/load/payload-template.js';
import { PublishEncoder } from '../../simulators/src/load/wire.js';
import { AckQueue } from './ack-queue.js';
import { CONNACK, PUBACK, PacketReader, connectPacket } from './mqtt-wire.js';
import type {
  ConnectOutcome,
  GeneratorOptions,
  GeneratorSummary,
  GeneratorTick,
  StepRecord,
} from './generator-types.js';
import { LatencyHistogram } from './percentiles.js';

export type {
  ConnectOutcome,
  GeneratorOptions,
  GeneratorSummary,
  GeneratorTick,
  StepRecord,
} from './generator-types.js';

/**
 * Open-loop load generator (BENCHMARKS.md): one TCP connection per sensor (the broker ACL lets a device
 * publish only its own topics), QoS 1 telemetry on a fixed schedule whatever the service answers. At rate
 * r the k-th message overall is due at t0 + k/r and goes to sensor k mod n, so each sensor reports every
 * n/r seconds, evenly spread. Latency is measured from the *scheduled* time to the PUBACK, so a stalled
 * service (or generator) is charged for the wait instead of hiding it (no coordinated omission).
 *
 * Payloads and PUBLISH frames come from the simulators' load mode (simulators/src/load): the same signal
 * models and the same encoder `npm run simulate -- load` uses. Its runner is not used as is because the
 * bench needs what it does not record: per-message PUBACK latency, rate changes mid-run (workload R) and
 * per-step seq ranges, under the runner's control from another process.
 */

const MAX_PER_TURN = 2000;

export class LoadGenerator {
  private readonly n: number;
  private readonly sockets: Array<Socket | null>;
  private readonly templates: PayloadTemplate[];
  private readonly encoders: PublishEncoder[];
  private readonly nextSeq: Int32Array;
  private readonly lastTs: Float64Array;
  private readonly nextMsgId: Uint16Array;
  private readonly unacked: AckQueue[];
  private readonly hist = new LatencyHistogram();
  private readonly steps: StepRecord[] = [];
  private readonly recorded: Array<{ deviceId: string; payload: string }> = [];
  private current: StepRecord | null = null;
  private sent = 0;
  private acked = 0;
  private unmatchedAcks = 0;
  private disconnects = 0;
  private connected = 0;
  private lagMaxMs = 0;
  private rate = 0;
  private t0 = 0;
  private g = 0;
  private cursor = 0;
  private running = false;
  private closing = false;

  constructor(private readonly opts: GeneratorOptions) {
    this.n = opts.devices.length;
    this.sockets = new Array<Socket | null>(this.n).fill(null);
    const start = Date.now();
    this.templates = opts.devices.map(
      (d) => new PayloadTemplate(d, opts.seed, start, d.reportIntervalS * 1000),
    );
    this.encoders = opts.devices.map((d) => new PublishEncoder(deviceTopic(d.domain, d.id, 'telemetry')));
    this.nextSeq = new Int32Array(this.n).fill(opts.seqStart);
    this.lastTs = new Float64Array(this.n);
    this.nextMsgId = new Uint16Array(this.n).fill(1);
    this.unacked = Array.from({ length: this.n }, () => new AckQueue());
  }

  /** Opens every sensor's connection, `connectConcurrency` at a time; resolves when all have answered. */
  async connectAll(timeoutMs = 30_000): Promise<ConnectOutcome> {
    const started = performance.now();
    const errors: string[] = [];
    let failed = 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < this.n) {
        const i = next++;
        const error = await this.connectOne(i, timeoutMs);
        if (error !== null) {
          failed++;
          if (errors.length < 10) errors.push(`${this.opts.devices[i].id}: ${error}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.connectConcurrency, this.n) }, worker));
    return { connected: this.connected, failed, seconds: (performance.now() - started) / 1000, errors };
  }

  private connectOne(i: number, timeoutMs: number): Promise<string | null> {
    const d = this.opts.devices[i];
    return new Promise((resolve) => {
      const socket = connect({ host: this.opts.host, port: this.opts.port });
      const reader = new PacketReader();
      let settled = false;
      const finish = (error: string | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error !== null) socket.destroy();
        resolve(error);
      };
      const timer = setTimeout(() => finish('no CONNACK in time'), timeoutMs);
      socket.setNoDelay(true);
      socket.once('connect', () => socket.write(connectPacket(`bench-${i}`, d.id, d.secret)));
      socket.on('data', (chunk: Buffer) => {
        try {
          reader.push(chunk, (type, body) => {
            if (type === PUBACK) this.onPuback(i, body.readUInt16BE(0));
            else if (type === CONNACK && !settled) {
              const code = body[1];
              if (code !== 0) return finish(`CONNACK return code ${code}`);
              this.sockets[i] = socket;
              this.connected++;
              finish(null);
            }
          });
        } catch (err) {
          // A broken stream: drop the connection (counted as a disconnect) rather than the generator.
          socket.destroy(err instanceof Error ? err : new Error(String(err)));
        }
      });
      socket.on('error', (err) => finish(err.message));
      socket.on('close', () => {
        if (this.sockets[i] === socket) {
          this.sockets[i] = null;
          this.connected--;
          if (!this.closing) this.disconnects++;
        }
        finish('connection closed before CONNACK');
      });
    });
  }

  /** Starts (or changes) the schedule: `rate` readings/s from now on; `stepId` labels them for loss checks. */
  setRate(stepId: string, rate: number): void {
    this.endStep();
    this.rate = rate;
    this.t0 = performance.now();
    this.g = 0;
    if (rate > 0) {
      this.current = {
        stepId,
        rate,
        tsMin: Infinity,
        tsMax: -Infinity,
        before: Array.from(this.nextSeq),
        after: [],
      };
    }
    if (!this.running && rate > 0) {
      this.running = true;
      this.loop();
    }
  }

  /** Stops sending; acknowledgements keep being counted. */
  stop(): void {
    this.endStep();
    this.rate = 0;
  }

  private endStep(): void {
    if (this.current) {
      this.current.after = Array.from(this.nextSeq);
      this.steps.push(this.current);
      this.current = null;
    }
  }

  /** Runs while a rate is set: at once again when behind schedule, else after 1 ms. */
  private loop(): void {
    if (this.closing || this.rate === 0) {
      this.running = false;
      return;
    }
    if (this.sendDue()) setImmediate(() => this.loop());
    else setTimeout(() => this.loop(), 1);
  }

  /** Sends what the schedule says is due by now (at most MAX_PER_TURN, so acks get read); true if more is due. */
  private sendDue(): boolean {
    const now = performance.now();
    const periodMs = 1000 / this.rate;
    const due = Math.floor((now - this.t0) / periodMs) + 1;
    let budget = MAX_PER_TURN;
    while (this.g < due && budget-- > 0) {
      const intended = this.t0 + this.g * periodMs;
      const lag = now - intended;
      if (lag > this.lagMaxMs) this.lagMaxMs = lag;
      this.sendOne(this.cursor, intended);
      this.g++;
      this.cursor = this.cursor + 1 === this.n ? 0 : this.cursor + 1;
    }
    return this.g < due;
  }

  private sendOne(i: number, intended: number): void {
    const socket = this.sockets[i];
    if (!socket) return;
    let ts = Math.floor(performance.timeOrigin + intended);
    // One point per device and timestamp: a reused ts would overwrite a stored reading and look like loss.
    if (ts <= this.lastTs[i]) ts = this.lastTs[i] + 1;
    this.lastTs[i] = ts;
    const seq = this.nextSeq[i]++;
    const payload = this.templates[i].render(ts, seq);
    if (this.recorded.length < this.opts.recordCount)
      this.recorded.push({ deviceId: this.opts.devices[i].id, payload });
    const id = this.nextMsgId[i];
    this.nextMsgId[i] = id === 65535 ? 1 : id + 1;
    this.unacked[i].push(id, intended);
    socket.write(this.encoders[i].encode(id, payload));
    this.sent++;
    const step = this.current;
    if (step) {
      if (ts < step.tsMin) step.tsMin = ts;
      if (ts > step.tsMax) step.tsMax = ts;
    }
  }

  private onPuback(i: number, id: number): void {
    const sentAt = this.unacked[i].take(id);
    if (sentAt === null) {
      this.unmatchedAcks++;
      return;
    }
    this.hist.record(performance.now() - sentAt);
    this.acked++;
  }

  tick(): GeneratorTick {
    let queuedBytes = 0;
    for (const s of this.sockets) if (s) queuedBytes += s.writableLength;
    const t: GeneratorTick = {
      t: Date.now(),
      sent: this.sent,
      acked: this.acked,
      outstanding: this.sent - this.acked,
      hist: this.hist.drain(),
      lagMaxMs: this.lagMaxMs,
      queuedBytes,
      connected: this.connected,
      disconnects: this.disconnects,
    };
    this.lagMaxMs = 0;
    return t;
  }

  summary(): GeneratorSummary {
    return {
      deviceIds: this.opts.devices.map((d) => d.id),
      seqStart: this.opts.seqStart,
      nextSeq: Array.from(this.nextSeq),
      steps: [...this.steps, ...(this.current ? [{ ...this.current, after: Array.from(this.nextSeq) }] : [])],
      sent: this.sent,
      acked: this.acked,
      outstanding: this.sent - this.acked,
      unmatchedAcks: this.unmatchedAcks,
      disconnects: this.disconnects,
      recorded: this.recorded,
    };
  }

  close(): void {
    this.closing = true;
    for (const s of this.sockets) s?.destroy();
  }
}
