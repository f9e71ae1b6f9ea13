import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { EventsModule } from '../events/events.module.js';
import { AssignmentsController } from './assignments.controller.js';
import { AssignmentsService } from './assignments.service.js';

/** A hire after the race: check-in/out, cancel (publishes `assignment.cancelled`), attendance, ratings, pay, disputes. */
@Module({ imports: [DatabaseModule, EventsModule], controllers: [AssignmentsController], providers: [AssignmentsService] })
export class AssignmentsModule {}
