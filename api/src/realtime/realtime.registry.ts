import type { Namespace } from 'socket.io';

/** The namespaces, set by the gateways when Socket.IO starts; only the notifier emits through them. */
export class RealtimeRegistry {
  worker?: Namespace;
  board?: Namespace;
  employer?: Namespace;
}

export const rooms = {
  worker: (id: string) => `worker:${id}`,
  board: (marketId: string) => `board:${marketId}`,
  employer: (id: string) => `employer:${id}`,
};
