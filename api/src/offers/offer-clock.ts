import { Injectable } from '@nestjs/common';

/** Wakes OfferDeadlines when the earliest open offer lapses. */
export interface OfferClock {
  wakeAt(at: Date): void;
  onDue(handler: () => Promise<void>): void;
  stop(): void;
}

export const OFFER_CLOCK = Symbol('OFFER_CLOCK');

/** One timer for the earliest deadline; the periodic sweep covers deadlines set by other instances. */
@Injectable()
export class TimerOfferClock implements OfferClock {
  private timer?: NodeJS.Timeout;
  private dueAt = Infinity;
  private handler: () => Promise<void> = async () => {};
  private stopped = false;

  onDue(handler: () => Promise<void>): void {
    this.handler = handler;
  }

  wakeAt(at: Date): void {
    const when = at.getTime();
    if (this.stopped || when >= this.dueAt) return;
    clearTimeout(this.timer);
    this.dueAt = when;
    this.timer = setTimeout(() => this.fire(), Math.max(0, when - Date.now()) + 5);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private fire(): void {
    this.dueAt = Infinity;
    void this.handler();
  }
}
