import type { CaseUpdatedPayload } from './cases.js';
import type { Ack } from './errors.js';
import type {
  BoardShift,
  BoardSnapshot,
  BoardStats,
  EmployerShift,
  LatLng,
  Market,
  OfferPayload,
  OfferWithdrawnPayload,
  PresenceStatus,
  ShiftCloseReason,
} from './model.js';
import type { GuidanceReminderPayload } from './services.js';
import type { BoardTraining, TrainingNotice } from './trainings.js';
import type { TicketCall } from './walk-ins.js';

export const NAMESPACES = { worker: '/worker', board: '/board', employer: '/employer', staff: '/staff' } as const;

type AckFn<T extends object = object> = (ack: Ack<T>) => void;

export interface PresenceInput {
  status: PresenceStatus;
  location?: LatLng;
  marketId?: string;
}

export interface WorkerServerEvents {
  offer: (offer: OfferPayload) => void;
  'offer:withdrawn': (payload: OfferWithdrawnPayload) => void;
  'assignment:cancelled': (payload: { assignmentId: string; shiftId: string; reason: string }) => void;
  'case:updated': (payload: CaseUpdatedPayload) => void;
  /** About an hour before a booked guidance session, once. */
  'guidance:reminder': (payload: GuidanceReminderPayload) => void;
  /** A new training that fits the worker's trades (protocol Part 2), once per training. */
  training: (payload: TrainingNotice) => void;
}

export interface WorkerClientEvents {
  presence: (input: PresenceInput, ack: AckFn<{ status: PresenceStatus }>) => void;
  'offer:accept': (input: { offerId: string }, ack: AckFn<{ assignment: { id: string; shiftId: string } }>) => void;
  'offer:decline': (input: { offerId: string }, ack: AckFn) => void;
}

export interface BoardServerEvents {
  'board:snapshot': (snapshot: BoardSnapshot) => void;
  'shift:opened': (payload: { seq: number; shift: BoardShift }) => void;
  'shift:updated': (payload: { seq: number; shift: BoardShift }) => void;
  'shift:closed': (payload: { seq: number; shiftId: string; reason: ShiftCloseReason }) => void;
  'stats:updated': (payload: { seq: number; stats: BoardStats }) => void;
  /** The market's own details changed (hours, hotline, amenities...): not a numbered delta, no seq. */
  'market:updated': (payload: { market: Market }) => void;
  /** A walk-in of this market was offered work: the hall calls the ticket (no seq: not a state delta). */
  'ticket:called': (payload: TicketCall) => void;
  /** The market's upcoming trainings changed (one published, seats taken): not a numbered delta, no seq. */
  'trainings:updated': (payload: { trainings: BoardTraining[] }) => void;
}

export interface BoardClientEvents {
  'board:resync': (input: object, ack: AckFn<BoardSnapshot>) => void;
}

export interface EmployerServerEvents {
  'shift:updated': (payload: { shift: EmployerShift }) => void;
  'case:updated': (payload: CaseUpdatedPayload) => void;
}

export interface EmployerClientEvents {
  'shift:watch': (input: { shiftId: string }, ack: AckFn<{ shift: EmployerShift }>) => void;
}
