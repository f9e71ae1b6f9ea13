import { errorMessage } from './api.js';

/** One request's state for a screen: its data, or why it is missing; a newer load wins over an older. */
export class Loadable<T> {
  data = $state<T | null>(null);
  problem = $state<string | null>(null);
  loading = $state(false);
  #ticket = 0;

  async load(fetcher: () => Promise<T>): Promise<void> {
    const mine = ++this.#ticket;
    this.loading = true;
    this.problem = null;
    try {
      const value = await fetcher();
      if (mine === this.#ticket) this.data = value;
    } catch (error) {
      if (mine !== this.#ticket) return;
      this.data = null;
      this.problem = errorMessage(error);
    } finally {
      if (mine === this.#ticket) this.loading = false;
    }
  }
}
