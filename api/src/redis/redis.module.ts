import { Module } from '@nestjs/common';
import { RedisConnections } from './redis.connections.js';

/** Redis connections for the stores and buses that have a Redis implementation (scale-out mode). */
@Module({ providers: [RedisConnections], exports: [RedisConnections] })
export class RedisModule {}
