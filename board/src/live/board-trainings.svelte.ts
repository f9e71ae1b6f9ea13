import type { BoardTraining } from '@linggong/protocol';

/** Read again now and then: a training starting leaves the list, and an update missed while offline comes back. */
const REFRESH_MS = 120_000;

/** A market's upcoming trainings: read over HTTP, then kept current by `trainings:updated` on the board socket. */
export class BoardTrainings {
  list = $state<BoardTraining[]>([]);
  #timer: ReturnType<typeof setInterval> | null = null;
  #abort = new AbortController();

  constructor(private readonly marketId: string) {}

  start(): void {
    void this.#fetch();
    this.#timer = setInterval(() => void this.#fetch(), REFRESH_MS);
  }

  replace(trainings: BoardTraining[]): void {
    this.list = trainings;
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#abort.abort();
  }

  async #fetch(): Promise<void> {
    try {
      const res = await fetch(`/api/trainings?marketId=${encodeURIComponent(this.marketId)}`, { signal: this.#abort.signal });
      if (res.ok) this.list = (await res.json()) as BoardTraining[];
    } catch {
      /* offline: keep what is shown */
    }
  }
}
