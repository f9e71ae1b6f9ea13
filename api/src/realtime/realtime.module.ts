import { Module } from '@nestjs/common';
import { RealtimeRegistry } from './realtime.registry.js';

/**
 * Socket plumbing shared by the gateways: the registry of namespaces (the SocketAdapter itself is installed
 * by app.ts), with helpers beside it for the handshake (handshake.ts), acknowledgements (socket-ack.ts),
 * guarded connect/disconnect work (connection-guard.ts) and draining (drain.ts).
 */
@Module({ providers: [RealtimeRegistry], exports: [RealtimeRegistry] })
export class RealtimeModule {}
