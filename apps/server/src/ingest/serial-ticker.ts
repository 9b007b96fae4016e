/**
 * Runs an async task every `intervalMs`, never two at once; `stop()` waits for a running one and runs it
 * a last time, so batched side effects buffered before shutdown are written (ARCHITECTURE.md: a restart
 * loses nothing).
 */
export class SerialTicker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    private readonly task: () => Promise<void>,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  /** Runs the task now (after the one in progress, if any). */
  async runNow(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.task()
      .catch(this.onError)
      .finally(() => (this.running = null));
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.runNow();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.runNow().finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }
}
