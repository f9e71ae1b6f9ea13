import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { AccessService } from './access.service.js';
import { ScopeRepository } from './scope.repository.js';

/** Scopes of staff, admins and officers, and the checks every staff-side route makes with them. */
@Module({
  imports: [DatabaseModule],
  providers: [ScopeRepository, AccessService],
  exports: [AccessService, ScopeRepository],
})
export class AccessModule {}
