import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AccountsReader } from '../auth/accounts.reader.js';
import { DomainEvents } from '../events/domain-events.js';

/**
 * Someone's roles changed: this instance forgets the account it remembered, so a role taken away stops
 * passing the role check at once here. Scope checks read the database every time, on every instance.
 */
@Injectable()
export class PeopleLive implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly accounts: AccountsReader,
  ) {}

  onModuleInit(): void {
    this.events.on('people.changed', ({ accountId }) => this.accounts.forget(accountId));
  }
}
