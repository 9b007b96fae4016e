import type {
  TelemetryWriterEvents,
  TelemetryWriterStats,
  WriterLogger,
} from './telemetry-writer.options.js';

type Totals = TelemetryWriterStats['totals'];
type HookArgs<K extends keyof TelemetryWriterEvents> = Parameters<NonNullable<TelemetryWriterEvents[K]>>;

/** The writer's running totals and its metric hooks; a hook that throws is logged, never propagated. */
export class WriterSignals {
  private readonly totals: Totals = { written: 0, spooled: 0, replayed: 0, rejected: 0 };

  constructor(
    private readonly events: TelemetryWriterEvents,
    private readonly logger: WriterLogger,
  ) {}

  snapshot(): Totals {
    return { ...this.totals };
  }

  /** Adds `lines` to a total and calls the matching hook. */
  count<K extends keyof TelemetryWriterEvents>(
    total: keyof Totals,
    lines: number,
    hook: K,
    ...args: HookArgs<K>
  ): void {
    this.totals[total] += lines;
    this.emit(hook, ...args);
  }

  emit<K extends keyof TelemetryWriterEvents>(hook: K, ...args: HookArgs<K>): void {
    const fn = this.events[hook] as ((...a: HookArgs<K>) => void) | undefined;
    if (fn === undefined) return;
    try {
      fn.apply(this.events, args);
    } catch (err) {
      this.logger.error({ err, hook }, 'a telemetry writer event hook threw');
    }
  }
}
