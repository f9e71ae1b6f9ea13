/**
 * An offer's reason texts by the whole number they show, each formatted once and then reused: a search
 * explains 50 workers, and formatting their numbers (a distance's shortest decimal above all) was most
 * of what explaining one cost. Numbers outside 0..max, or not numbers at all, are formatted each time.
 */
class TextsByNumber {
  private readonly texts: Array<string | undefined>;

  constructor(
    max: number,
    private readonly format: (n: number) => string,
  ) {
    this.texts = new Array<string | undefined>(max + 1);
  }

  of(n: number): string {
    if (!(n >= 0 && n < this.texts.length)) return this.format(n);
    return (this.texts[n] ??= this.format(n));
  }
}

/** By tenths of a kilometre, as `roundKm` shows a distance; kept up to 100 km. */
export const DISTANCE_TEXTS = new TextsByNumber(1000, (tenths) => `${tenths / 10} km`);
export const RELIABILITY_TEXTS = new TextsByNumber(100, (percent) => `可靠度 ${percent}%`);
/** Kept up to a day. */
export const WAITING_TEXTS = new TextsByNumber(1440, (minutes) => `今日已等候 ${minutes} 分钟`);
