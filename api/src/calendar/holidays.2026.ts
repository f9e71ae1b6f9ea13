import type { HolidayYear } from './holiday-year.js';

/**
 * 2026, from the State Council General Office's notice on the 2026 holidays (国务院办公厅关于2026年部分节假日
 * 安排的通知, 国办发明电〔2025〕7号, November 2025).
 */
export const HOLIDAYS_2026: HolidayYear = {
  year: 2026,
  notice: '国办发明电〔2025〕7号',
  holidays: [
    { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
    { name: '春节', from: '2026-02-15', to: '2026-02-23' },
    { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
    { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
    { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
    { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
    { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
  ],
  // 1月4日（周日）、2月14日（周六）、2月28日（周六）、5月9日（周六）、9月20日（周日）、10月10日（周六）上班.
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};
