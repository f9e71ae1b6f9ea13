/**
 * A chore run every `everyMs` on an unref'd timer, never twice at once; `stop` waits for a run under way.
 * Shared by the background jobs (retention, figures' rollups) so each holds only what it does.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly onError: (error: Error) => void,
  ) {}

  start(everyMs: number): void {
    this.timer = setInterval(() => void this.tick(), everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.run().catch(this.onError);
    await this.running;
    this.running = undefined;
  }
}
