import { Module } from '@nestjs/common';
import { DATABASE } from './database.token.js';
import type { Database } from './database.js';
import { PrismaClient } from './prisma.js';

/** The Prisma client of the database start-up opened; only repositories should inject it. */
@Module({
  providers: [{ provide: PrismaClient, useFactory: (database: Database) => database.prisma, inject: [DATABASE] }],
  exports: [PrismaClient],
})
export class DatabaseModule {}
