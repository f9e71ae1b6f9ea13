import { HOLIDAYS_2025 } from './holidays.2025.js';
import { HOLIDAYS_2026 } from './holidays.2026.js';

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

/** The years we have a notice for. A new year is one file and one line here, once its notice is out. */
export const HOLIDAY_YEARS: HolidayYear[] = [HOLIDAYS_2025, HOLIDAYS_2026];
