/** One shared ticking "now" for the clock, start days and hiding shifts that have ended. */
class BoardClock {
  now = $state(new Date());
  #timer: ReturnType<typeof setInterval> | null = null;

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => (this.now = new Date()), 1000);
  }
}

export const boardClock = new BoardClock();
