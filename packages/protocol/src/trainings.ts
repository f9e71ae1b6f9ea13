import type { Training, TrainingDemandRow } from './staff.js';

/** What staff mark on a sign-up; `signed_up` until then. */
export const TRAINING_SIGNUP_STATUSES = ['signed_up', 'attended', 'completed', 'no_show'] as const;
export type TrainingSignupStatus = (typeof TRAINING_SIGNUP_STATUSES)[number];
export const TRAINING_MARKS = ['attended', 'completed', 'no_show'] as const;
export type TrainingMark = (typeof TRAINING_MARKS)[number];

/**
 * A training as every route answers it: the contract's `Training` (marketId and subsidy left out when
 * there are none) plus the seats still free, the market's name, and for a signed-in worker their sign-up.
 */
export interface TrainingView extends Training {
  seatsLeft: number;
  marketName?: string;
  createdAt: string;
  /** The calling worker's own sign-up, when they have one (GET with a worker's token). */
  mySignup?: TrainingSignupStatus;
}

/** `/worker` event `training`: a new training that fits the worker's trades, once per training. */
export interface TrainingNotice {
  training: TrainingView;
}

/** `GET /api/trainings/:id/signups` (staff): who signed up, and what staff marked. */
export interface TrainingSignupRow {
  workerId: string;
  name: string;
  phone: string | null;
  trades: string[];
  status: TrainingSignupStatus;
  signedUpAt: string;
  markedAt: string | null;
}

/** `POST /api/trainings/:id/signups/:workerId`. `addTrades` on completion adds the training's trades to the worker's. */
export interface TrainingMarkRequest {
  status: TrainingMark;
  addTrades?: boolean;
}

/** `GET /api/workers/me/trainings`: the worker's record of courses. */
export interface WorkerTraining {
  training: TrainingView;
  status: TrainingSignupStatus;
  signedUpAt: string;
  markedAt: string | null;
}

/** A row of `GET /api/training-demand/summary`, with the month's workers of the trade who waited without a hire. */
export interface TrainingDemandSummaryRow extends TrainingDemandRow {
  waitedWithoutWork: number;
}

/** What a board shows of an upcoming training: no personal data. */
export interface BoardTraining {
  id: string;
  title: string;
  provider: string;
  trades: string[];
  address: string;
  startsAt: string;
  endsAt: string;
  fee: number;
  subsidy?: number;
  seats: number;
  seatsLeft: number;
}
