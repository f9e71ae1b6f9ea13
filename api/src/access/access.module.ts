import { Module } from '@nestjs/common';
import { AccessService } from './access.service.js';
import { ScopeRepository } from './scope.repository.js';

/** Scopes of staff, admins and officers, and the checks every staff-side route makes with them. */
@Module({
  providers: [ScopeRepository, AccessService],
  exports: [AccessService, ScopeRepository],
})
export class AccessModule {}
