import type { BoardTraining, TrainingSignupStatus, TrainingView } from '@linggong/protocol';
import type { TrainingRow } from './trainings.repository.js';

/** A training as every route answers it, field by field; marketId and subsidy left out when there are none. */
export function toTrainingView(t: TrainingRow, extra: { marketName?: string; mySignup?: TrainingSignupStatus } = {}): TrainingView {
  const view: TrainingView = {
    id: t.id,
    title: t.title,
    provider: t.provider,
    trades: t.trades,
    regionCode: t.regionCode,
    address: t.address,
    startsAt: t.startsAt.toISOString(),
    endsAt: t.endsAt.toISOString(),
    fee: Number(t.fee),
    seats: t.seats,
    signups: t.signups,
    seatsLeft: Math.max(0, t.seats - t.signups),
    createdAt: t.createdAt.toISOString(),
  };
  if (t.marketId) view.marketId = t.marketId;
  if (t.subsidy !== null) view.subsidy = Number(t.subsidy);
  if (extra.marketName) view.marketName = extra.marketName;
  if (extra.mySignup) view.mySignup = extra.mySignup;
  return view;
}

/** What a market's board shows: the course, its place and time, seats; nobody's name. */
export function toBoardTraining(t: TrainingRow): BoardTraining {
  const b: BoardTraining = {
    id: t.id,
    title: t.title,
    provider: t.provider,
    trades: t.trades,
    address: t.address,
    startsAt: t.startsAt.toISOString(),
    endsAt: t.endsAt.toISOString(),
    fee: Number(t.fee),
    seats: t.seats,
    seatsLeft: Math.max(0, t.seats - t.signups),
  };
  if (t.subsidy !== null) b.subsidy = Number(t.subsidy);
  return b;
}
