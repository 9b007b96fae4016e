import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AlarmPolicy } from '../core/alarm-policy.js';
import { Clock } from '../core/clock.js';
import { IncidentsRepository } from '../core/incidents.repository.js';
import { EscalationScheduler } from './escalation.scheduler.js';
import { MaintenanceScheduler } from './maintenance.scheduler.js';

/** The brief's cadence: SLA stages are minutes long (DOMAIN.md §c.1: red confirm ≤ 5 min), 15 s is fine-grained enough. */
export const ALARM_JOBS_INTERVAL_MS = 15_000;

/**
 * The dispatcher role's alarm jobs, every 15 s: maintenance windows (start/end, held notices), SLA
 * escalation and auto-close, and closing quiet flood incidents. A tick never overlaps the previous one,
 * and shutdown waits for a running tick so it never meets a closed pool.
 */
@Injectable()
export class AlarmJobs implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AlarmJobs.name);
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly maintenance: MaintenanceScheduler,
    private readonly escalation: EscalationScheduler,
    private readonly incidents: IncidentsRepository,
    private readonly policy: AlarmPolicy,
    private readonly clock: Clock,
  ) {}

  @Interval('lifeline-alarm-jobs', ALARM_JOBS_INTERVAL_MS)
  scheduled(): void {
    if (this.running || this.stopped) return;
    this.running = this.tick()
      .catch((err: unknown) => this.logger.error({ msg: 'alarm jobs failed', err: String(err) }))
      .finally(() => {
        this.running = null;
      });
  }

  /** One pass of every job at the clock's time (also what tests call). */
  async tick(now = this.clock.now()): Promise<void> {
    await this.maintenance.tick(now);
    await this.escalation.tick(now);
    await this.incidents.closeQuiet(new Date(now), this.policy.noise.flood.windowMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.running;
  }
}
