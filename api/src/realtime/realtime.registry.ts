import { Inject, Injectable } from '@nestjs/common';
import type {
  BoardClientEvents,
  BoardServerEvents,
  EmployerClientEvents,
  EmployerServerEvents,
  Market,
  StaffClientEvents,
  StaffServerEvents,
  WorkerClientEvents,
  WorkerServerEvents,
} from '@linggong/protocol';
import type { Namespace, Socket } from 'socket.io';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/** The server's namespaces, typed from packages/protocol's event maps: a renamed event is a compile error. */
export type WorkerNamespace = Namespace<WorkerClientEvents, WorkerServerEvents, object, { workerId: string }>;
export type WorkerSocket = Socket<WorkerClientEvents, WorkerServerEvents, object, { workerId: string }>;
export type BoardNamespace = Namespace<BoardClientEvents, BoardServerEvents, object, { market: Market }>;
export type BoardSocket = Socket<BoardClientEvents, BoardServerEvents, object, { market: Market }>;
export type EmployerNamespace = Namespace<EmployerClientEvents, EmployerServerEvents, object, { employerId: string }>;
export type EmployerSocket = Socket<EmployerClientEvents, EmployerServerEvents, object, { employerId: string }>;
export interface StaffSocketData {
  accountId: string;
  marketIds: string[];
}
export type StaffNamespace = Namespace<StaffClientEvents, StaffServerEvents, object, StaffSocketData>;
export type StaffSocket = Socket<StaffClientEvents, StaffServerEvents, object, StaffSocketData>;

/** The namespaces, set by the gateways when Socket.IO starts; only the feeds and notifiers emit through them. */
@Injectable()
export class RealtimeRegistry {
  worker?: WorkerNamespace;
  board?: BoardNamespace;
  employer?: EmployerNamespace;
  /** Market staff at the window (the walk-ins module's gateway). */
  staff?: StaffNamespace;
  /** No Redis adapter: every socket of the service is in this process's rooms. */
  private readonly singleProcess: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.singleProcess = !config.redisUrl;
  }

  /** Whether anyone might be listening in the room: worth building what would be sent there. */
  mayReach(nsp: Pick<Namespace, 'sockets' | 'adapter'>, room?: string): boolean {
    if (!this.singleProcess) return true;
    return room === undefined ? nsp.sockets.size > 0 : (nsp.adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  /** Every namespace started here (shutdown moves their sockets off gradually). */
  all(): Namespace[] {
    const all = [this.worker, this.employer, this.board, this.staff] as Array<Namespace | undefined>;
    return all.filter((n): n is Namespace => n !== undefined);
  }
}

export const rooms = {
  worker: (id: string) => `worker:${id}`,
  board: (marketId: string) => `board:${marketId}`,
  employer: (id: string) => `employer:${id}`,
  staff: (marketId: string) => `staff:${marketId}`,
};
