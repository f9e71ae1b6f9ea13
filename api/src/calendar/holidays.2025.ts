import type { HolidayYear } from './holiday-year.js';

/**
 * 2025, from the State Council General Office's notice on the 2025 holidays (国务院办公厅关于2025年部分节假日
 * 安排的通知, 国办发明电〔2024〕12号, 12 November 2024), the first year with Spring Festival's eve and 2 May
 * as statutory days off.
 */
export const HOLIDAYS_2025: HolidayYear = {
  year: 2025,
  notice: '国办发明电〔2024〕12号',
  holidays: [
    { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
    { name: '春节', from: '2025-01-28', to: '2025-02-04' },
    { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
    { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
    { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
    { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
  ],
  // 1月26日（周日）、2月8日（周六）、4月27日（周日）、9月28日（周日）、10月11日（周六）上班.
  workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
};
