import type { SimDevice } from '../device.js';
import { DeviceLink, type LinkEvents } from '../mqtt/device-link.js';
import type { Scenario } from '../scenarios/index.js';
import { type ResolvedTarget, reachOf } from '../scenarios/reach.js';
import { Agent } from './agent.js';
import type { ActiveEffect } from './reading.js';
import {
  DueQueue,
  SimClock,
  type TimingOptions,
  activeIntervalMs,
  baseIntervalMs,
  firstReportDelayMs,
} from './schedule.js';
import { RunStats } from './stats.js';

/** A planned scenario: what, aimed where, when (wall seconds after start) and for how long (scenario ms). */
export interface PlannedScenario {
  scenario: Scenario;
  target: ResolvedTarget;
  startAfterS: number;
  durationMs: number;
}

export interface RunConfig {
  url: string;
  devices: SimDevice[];
  seed: number;
  timing: TimingOptions;
  durationS?: number;
  scenario?: PlannedScenario;
  /** New connections per second during ramp-up. */
  connectRate: number;
  statsEveryS: number;
  /** First seq of every device (CONTRACT.md §1 per-device counter). */
  startSeq: number;
  /** Print every rejection, not only the first ones. */
  verbose: boolean;
  log: (line: string) => void;
}

const TICK_MS = 20;
const RAMP_TICK_MS = 100;
/** Rejections printed in full before only counting them (unless --verbose). */
const SHOWN_REJECTIONS = 20;

/**
 * Runs devices against a broker: a smooth connection ramp, one report per device per interval from a
 * min-heap schedule, the scenario switched on and off at its planned times, a stats line every few seconds,
 * and a graceful stop (retained offline status + DISCONNECT) on SIGINT/SIGTERM or at the end of --duration.
 */
export class Runner {
  readonly stats = new RunStats();
  private readonly agents: Agent[];
  private readonly queue = new DueQueue<{ agent: Agent; generation: number }>();
  private readonly timers: NodeJS.Timeout[] = [];
  private clock!: SimClock;
  private startWall = 0;
  private plan: PlannedScenario | undefined;
  private scenarioStartSim = Number.POSITIVE_INFINITY;
  private scenarioWasActive = false;
  private shown = 0;
  private stopping: Promise<void> | undefined;
  private resolveDone!: () => void;

  constructor(private readonly config: RunConfig) {
    this.agents = config.devices.map(
      (d) => new Agent(d, new DeviceLink(d, config.url, this.events()), config.startSeq),
    );
    if (config.scenario) this.aim(config.scenario);
  }

  /**
   * Starts `plan` while the run is going (`scenario --trigger`), `startAfterS` from now. A scenario
   * already running is ended first: its devices report at once and return to normal.
   */
  trigger(plan: PlannedScenario): void {
    if (!this.clock) {
      this.aim(plan); // not started yet: run() starts it `startAfterS` after the run begins
      return;
    }
    const now = Date.now();
    if (this.scenarioWasActive) this.wakeReached(now);
    this.aim(plan);
    this.scenarioStartSim = this.clock.at(now + plan.startAfterS * 1000);
    this.scenarioWasActive = false;
    this.config.log(
      `scenario ${plan.scenario.name} planned in ${plan.startAfterS} s on ${this.reachedCount} device(s)`,
    );
  }

  private aim(plan: PlannedScenario): void {
    this.plan = plan;
    for (const a of this.agents) a.reach = reachOf(a.device, plan.scenario, plan.target);
  }

  get reachedCount(): number {
    return this.agents.filter((a) => a.reach !== undefined).length;
  }

  /** Starts the run; resolves once it has stopped. */
  run(): Promise<void> {
    const done = new Promise<void>((resolve) => (this.resolveDone = resolve));
    this.startWall = Date.now();
    this.clock = new SimClock(this.startWall, this.config.timing.speedup);
    if (this.plan) this.scenarioStartSim = this.clock.at(this.startWall + this.plan.startAfterS * 1000);
    this.rampUp();
    this.timers.push(setInterval(() => this.tick(), TICK_MS));
    this.timers.push(setInterval(() => this.printStats(), this.config.statsEveryS * 1000));
    if (this.config.durationS !== undefined)
      this.timers.push(setTimeout(() => void this.stop('duration reached'), this.config.durationS * 1000));
    return done;
  }

  /** Graceful stop; safe to call more than once. */
  stop(reason: string): Promise<void> {
    this.stopping ??= this.shutdown(reason);
    return this.stopping;
  }

  private rampUp(): void {
    let next = 0;
    const perTick = Math.max(1, Math.round((this.config.connectRate * RAMP_TICK_MS) / 1000));
    const ramp = setInterval(() => {
      const now = Date.now();
      for (let k = 0; k < perTick && next < this.agents.length; k++, next++) {
        const agent = this.agents[next];
        agent.started = true;
        agent.link.open();
        this.schedule(agent, now + firstReportDelayMs(agent.device, this.intervalOf(agent, false)));
      }
      if (next >= this.agents.length) clearInterval(ramp);
    }, RAMP_TICK_MS);
    this.timers.push(ramp);
  }

  private schedule(agent: Agent, due: number): void {
    this.queue.push(due, { agent, generation: agent.generation });
  }

  private intervalOf(agent: Agent, active: boolean): number {
    const base = baseIntervalMs(agent.device, this.config.timing, this.agents.length);
    const plan = this.plan;
    return active && plan && agent.reach ? activeIntervalMs(base, plan.scenario, this.config.timing) : base;
  }

  private effectAt(simT: number, agent: Agent): ActiveEffect | undefined {
    const plan = this.plan;
    const elapsedMs = simT - this.scenarioStartSim;
    if (!plan || !agent.reach || elapsedMs < 0 || elapsedMs >= plan.durationMs) return undefined;
    return { scenario: plan.scenario, reach: agent.reach, elapsedMs };
  }

  private tick(): void {
    const now = Date.now();
    const simT = this.clock.at(now);
    this.onScenarioEdge(simT, now);
    for (let entry = this.queue.popDue(now); entry; entry = this.queue.popDue(now)) {
      const { agent, generation } = entry;
      // Stale entries, and devices whose credentials the broker refused, drop out of the schedule.
      if (generation !== agent.generation || agent.link.refused) continue;
      const effect = this.effectAt(simT, agent);
      agent.report(simT, now, this.config.seed, effect, this.stats);
      this.schedule(agent, now + this.intervalOf(agent, effect !== undefined));
    }
  }

  /** When the scenario starts or ends, reached devices report at once instead of waiting out their interval. */
  private onScenarioEdge(simT: number, now: number): void {
    const plan = this.plan;
    if (!plan) return;
    const active = simT >= this.scenarioStartSim && simT < this.scenarioStartSim + plan.durationMs;
    if (active === this.scenarioWasActive) return;
    this.scenarioWasActive = active;
    this.config.log(
      `scenario ${plan.scenario.name} ${active ? 'started' : 'ended'} on ${this.reachedCount} device(s)`,
    );
    this.wakeReached(now);
  }

  private wakeReached(now: number): void {
    for (const agent of this.agents) {
      if (!agent.reach || !agent.started) continue;
      agent.generation++;
      this.schedule(agent, now);
    }
  }

  private printStats(): void {
    const connected = this.agents.filter((a) => a.link.connected).length;
    this.config.log(this.stats.line((Date.now() - this.startWall) / 1000, connected, this.agents.length));
  }

  private events(): LinkEvents {
    return {
      connected: () => void this.stats.connects++,
      acked: () => void this.stats.acked++,
      publishFailed: () => void this.stats.publishFailed++,
      refused: (id, code, message) => {
        this.stats.refused++;
        this.config.log(`${id}: connection refused (${code}): ${message}`);
      },
      rejected: (id, error, raw) => {
        this.stats.reject(error.code ?? 'unparsed');
        if (this.config.verbose || this.shown++ < SHOWN_REJECTIONS) {
          this.config.log(
            `${id}: rejected ${error.code ?? '?'}${error.seq === undefined ? '' : ` seq ${error.seq}`}: ${error.message ?? raw}`,
          );
        }
      },
    };
  }

  private async shutdown(reason: string): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.config.log(`stopping (${reason}): publishing offline status and disconnecting…`);
    // Every close is bounded (DeviceLink.close cuts a connection the broker does not answer on).
    await Promise.allSettled(this.agents.map((a) => a.link.close()));
    this.printStats();
    this.resolveDone();
  }
}
