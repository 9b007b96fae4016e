import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { RiskMetrics, type RiskTrigger } from './risk-metrics.js';
import { RiskReassessor, type ReassessResult } from './risk-reassessor.js';
import { RiskTriggerRepository } from './risk-trigger.repository.js';
import { RiskWorkQueue } from './risk-work-queue.js';
import { RiskSettings } from './risk.settings.js';

const TICK = 'risk-tick';

/**
 * The risk evaluator of the dispatcher role. Every asset is assessed at boot (one sweep) and again every
 * `tickMs` (the hysteresis quiet period and data staleness advance with time alone); between ticks an
 * asset is re-assessed as soon as something that feeds it changes (RiskTriggerListener: alarms, device
 * presence, the census, external reports). See docs/decisions/0009-risk-evaluation.md.
 */
@Injectable()
export class RiskEvaluator implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RiskEvaluator.name);
  private readonly queue = new RiskWorkQueue({
    assets: (ids, trigger) => this.reassessAssets(ids, trigger),
    sweep: (trigger) => this.sweep(trigger),
    onError: (err) => this.logger.error({ msg: 'risk re-assessment failed; retrying', err: String(err) }),
  });

  constructor(
    private readonly reassessor: RiskReassessor,
    private readonly triggers: RiskTriggerRepository,
    private readonly settings: RiskSettings,
    private readonly metrics: RiskMetrics,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.requestSweep('boot');
    const timer = setInterval(() => this.queue.requestSweep('tick'), this.settings.tickMs);
    timer.unref();
    this.scheduler.addInterval(TICK, timer);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.scheduler.doesExist('interval', TICK)) this.scheduler.deleteInterval(TICK);
    await this.queue.stop();
  }

  /** Queues a re-assessment of `assetIds` (and of the parents they are confined spaces of). */
  assetsChanged(assetIds: readonly string[], trigger: RiskTrigger): void {
    this.queue.add(assetIds, trigger);
  }

  devicesChanged(deviceIds: readonly string[], trigger: RiskTrigger): void {
    void this.triggers
      .assetsOfDevices(deviceIds)
      .then((assetIds) => this.queue.add(assetIds, trigger))
      .catch((err: unknown) => this.logger.error({ msg: 'device lookup failed', err: String(err) }));
  }

  /** Queues a sweep of every asset (e.g. after missed notifications). */
  requestSweep(trigger: RiskTrigger): void {
    this.queue.requestSweep(trigger);
  }

  /** Resolves once every queued re-assessment has run. */
  async idle(): Promise<void> {
    await this.queue.idle();
  }

  private async reassessAssets(ids: string[], trigger: RiskTrigger): Promise<void> {
    const all = await this.triggers.withConfinedParents(ids, this.settings.confinedSpaceKinds);
    this.record(await this.reassessor.reassess(all, trigger), trigger);
  }

  private async sweep(trigger: RiskTrigger): Promise<void> {
    const started = performance.now();
    const result = await this.reassessor.sweep(trigger, this.settings.chunkSize);
    this.record(result, trigger);
    const ms = Math.round(performance.now() - started);
    if (trigger !== 'tick' || result.written > 0)
      this.logger.log({ msg: 'risk sweep', trigger, assessed: result.assessed, written: result.written, ms });
  }

  private record(result: ReassessResult, trigger: RiskTrigger): void {
    this.metrics.reassessments.inc({ trigger }, result.assessed);
    for (const change of result.changes) this.metrics.levelChanges.inc({ to: change.to });
  }
}
