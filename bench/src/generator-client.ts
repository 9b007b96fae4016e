import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ConnectOutcome, GeneratorOptions, GeneratorSummary, GeneratorTick } from './generator.js';
import type { GeneratorMessage, GeneratorRequest } from './generator-main.js';

type Pending = { resolve: (data: unknown) => void; reject: (err: Error) => void };
type Op = GeneratorRequest extends infer R ? (R extends { op: infer O } ? O : never) : never;

/** The runner's handle on a generator process (generator-main.ts): requests, replies and the tick stream. */
export class GeneratorClient {
  readonly ticks: GeneratorTick[] = [];
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor() {
    const entry = fileURLToPath(new URL('./generator-main.js', import.meta.url));
    this.child = fork(entry, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
    this.child.on('message', (m: GeneratorMessage) => this.onMessage(m));
    this.child.once('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`generator exited with code ${code}`));
      this.pending.clear();
    });
  }

  get pid(): number | null {
    return this.child.pid ?? null;
  }

  /** Latest tick, or null before the first. */
  get last(): GeneratorTick | null {
    return this.ticks[this.ticks.length - 1] ?? null;
  }

  init(options: GeneratorOptions): Promise<ConnectOutcome> {
    return this.request('init', { options }) as Promise<ConnectOutcome>;
  }

  async setRate(stepId: string, rate: number): Promise<void> {
    await this.request('rate', { stepId, rate });
  }

  async stop(): Promise<void> {
    await this.request('stop', {});
  }

  summary(): Promise<GeneratorSummary> {
    return this.request('summary', {}) as Promise<GeneratorSummary>;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.request('exit', {}).catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  private request(op: Op, fields: object): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, op, ...fields });
    });
  }

  private onMessage(m: GeneratorMessage): void {
    if (m.ev === 'tick') {
      this.ticks.push(m.tick);
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(m.error));
    else p.resolve(m.data);
  }
}
