import { Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { WorkingCalendar } from './working-calendar.js';

/** China's working days (State Council notices plus configured local days), for every clock counted in working days. */
@Module({
  providers: [
    {
      provide: WorkingCalendar,
      useFactory: (config: AppConfig, log: Logger) =>
        new WorkingCalendar({
          extraHolidays: config.calendar.extraHolidays,
          extraWorkdays: config.calendar.extraWorkdays,
          onMissingYear: (year) =>
            log.warn(
              { event: 'calendar.year_missing', year },
              `no State Council holiday notice for ${year} in api/src/calendar: counting Monday to Friday only`,
            ),
        }),
      inject: [APP_CONFIG, LOGGER],
    },
  ],
  exports: [WorkingCalendar],
})
export class CalendarModule {}
