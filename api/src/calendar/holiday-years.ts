import type { HolidayYear } from './holiday-year.js';
import { HOLIDAYS_2025 } from './holidays.2025.js';
import { HOLIDAYS_2026 } from './holidays.2026.js';

/** The years we have a notice for. A new year is one file and one line here, once its notice is out. */
export const HOLIDAY_YEARS: HolidayYear[] = [HOLIDAYS_2025, HOLIDAYS_2026];
