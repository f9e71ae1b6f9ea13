import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { EventsModule } from '../events/events.module.js';
import { PeopleLive } from './people-live.js';
import { PeopleController } from './people.controller.js';
import { PeopleRepository } from './people.repository.js';
import { PeopleService } from './people.service.js';

/** Admins add and remove the staff, admins and officers of their region. */
@Module({
  imports: [AccessModule, AuthModule, DatabaseModule, EventsModule],
  controllers: [PeopleController],
  providers: [PeopleRepository, PeopleService, PeopleLive],
})
export class PeopleModule {}
