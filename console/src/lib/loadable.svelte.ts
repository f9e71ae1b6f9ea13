import { ApiError, errorMessage } from './api.js';
import { t } from './i18n.svelte.js';

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
      // A route this server does not have yet (issue 18 lands in parts) says so plainly.
      this.problem = error instanceof ApiError && error.status === 404 ? t('officer.notYet') : errorMessage(error);
    } finally {
      if (mine === this.#ticket) this.loading = false;
    }
  }
}
