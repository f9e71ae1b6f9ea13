/** One year of the State Council's holiday notice: public holidays off, make-up working days (调休) on. */
export interface HolidayYear {
  year: number;
  /** The notice the lists come from, so anyone can check them. */
  notice: string;
  /** China-time dates (YYYY-MM-DD), both ends included. */
  holidays: Array<{ name: string; from: string; to: string }>;
  /** Weekend days worked in exchange (调休). */
  workdays: string[];
}
