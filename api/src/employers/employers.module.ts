import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { EventsModule } from '../events/events.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { ShiftsModule } from '../shifts/shifts.module.js';
import { EmployerGateway } from './employer.gateway.js';
import { EmployerNotifier } from './employer.notifier.js';

/** Employers watching their shifts fill: the /employer namespace and the notifier that sends their views. */
@Module({
  imports: [AuthModule, EventsModule, RealtimeModule, ShiftsModule],
  providers: [EmployerGateway, EmployerNotifier],
})
export class EmployersModule {}
