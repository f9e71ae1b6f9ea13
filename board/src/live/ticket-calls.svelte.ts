import type { TicketCall } from '@linggong/protocol';

/** How long a called ticket stays on screen. */
export const SHOW_CALL_MS = 20_000;
const MAX_SHOWN = 3;

/** Tickets the hall is calling now: the newest first, each for about 20 seconds. */
export class TicketCalls {
  shown = $state<TicketCall[]>([]);
  #timers = new Set<ReturnType<typeof setTimeout>>();

  add(call: TicketCall): void {
    this.shown = [call, ...this.shown.filter((c) => c.ticket !== call.ticket)].slice(0, MAX_SHOWN);
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.shown = this.shown.filter((c) => c !== call);
    }, SHOW_CALL_MS);
    this.#timers.add(timer);
  }

  destroy(): void {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }
}
