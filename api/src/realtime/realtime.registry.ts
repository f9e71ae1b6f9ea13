import type { Namespace } from 'socket.io';

/** The namespaces, set by the gateways when Socket.IO starts; only the notifier emits through them. */
export class RealtimeRegistry {
  worker?: Namespace;
  board?: Namespace;
  employer?: Namespace;
  /** Market staff at the window (the walk-ins module's gateway). */
  staff?: Namespace;

  /** `singleProcess`: no Redis adapter, so every socket of the service is in this process's rooms. */
  constructor(private readonly singleProcess: boolean) {}

  /** Whether anyone might be listening in the room: worth building what would be sent there. */
  mayReach(nsp: Namespace, room?: string): boolean {
    if (!this.singleProcess) return true;
    return room === undefined ? nsp.sockets.size > 0 : (nsp.adapter.rooms.get(room)?.size ?? 0) > 0;
  }
}

export const rooms = {
  worker: (id: string) => `worker:${id}`,
  board: (marketId: string) => `board:${marketId}`,
  employer: (id: string) => `employer:${id}`,
  staff: (marketId: string) => `staff:${marketId}`,
};
