import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { RiskSettings } from '../risk/risk.settings.js';
import { DeadmanMetrics } from './deadman-metrics.js';
import { DeadmanService, type ScanResult } from './deadman.service.js';

const INTERVAL = 'deadman-scan';

/**
 * Runs a deadman scan every `deadmanIntervalMs` (15 s) and once at boot, never two at once in this
 * process (the advisory lock keeps other processes out). Shutdown waits for a running scan, before the
 * database pool closes.
 */
@Injectable()
export class DeadmanScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeadmanScheduler.name);
  private running: Promise<ScanResult | null> | null = null;

  constructor(
    private readonly deadman: DeadmanService,
    private readonly metrics: DeadmanMetrics,
    private readonly settings: RiskSettings,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    void this.runOnce();
    const timer = setInterval(() => void this.runOnce(), this.settings.deadmanIntervalMs);
    timer.unref();
    this.scheduler.addInterval(INTERVAL, timer);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.scheduler.doesExist('interval', INTERVAL)) this.scheduler.deleteInterval(INTERVAL);
    await this.running;
  }

  /** One scan now (after the one in progress); null when it failed (logged). */
  async runOnce(): Promise<ScanResult | null> {
    while (this.running) await this.running;
    this.running = this.scan().finally(() => (this.running = null));
    return this.running;
  }

  private async scan(): Promise<ScanResult | null> {
    try {
      const result = await this.deadman.scan();
      this.metrics.transitions.inc({ to: 'offline' }, result.offline.length);
      this.metrics.transitions.inc({ to: 'online' }, result.online.length);
      if (result.offline.length + result.online.length > 0)
        this.logger.log({
          msg: 'device presence changed',
          offline: result.offline.length,
          online: result.online.length,
        });
      return result;
    } catch (err) {
      this.logger.error({ msg: 'deadman scan failed', err: String(err) });
      return null;
    }
  }
}
