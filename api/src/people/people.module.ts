import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { PeopleLive } from './people-live.js';
import { PeopleController } from './people.controller.js';
import { PeopleRepository } from './people.repository.js';
import { PeopleService } from './people.service.js';

/** Admins add and remove the staff, admins and officers of their region. */
@Module({
  imports: [AccessModule],
  controllers: [PeopleController],
  providers: [PeopleRepository, PeopleService, PeopleLive],
})
export class PeopleModule {}
