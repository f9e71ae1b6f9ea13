import type { TrainingView, WorkerTraining } from '@linggong/protocol';
import { ApiError, request } from '../api.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n.svelte.js';
import { showNotice } from '../notice.svelte.js';

/** Upcoming trainings that fit the worker's trades, each with their own sign-up if any. */
export const loadFitting = () => request<TrainingView[]>('GET', '/trainings/mine');
export const loadTraining = (id: string) => request<TrainingView>('GET', `/trainings/${encodeURIComponent(id)}`);
export const loadMyTrainings = () => request<WorkerTraining[]>('GET', '/workers/me/trainings');
export const signUp = (id: string) => request<TrainingView>('POST', `/trainings/${encodeURIComponent(id)}/signups`);
export const sendDemand = (trades: string[], note?: string) =>
  request<unknown>('POST', '/training-demand', { body: note ? { trades, note } : { trades } });

/** The 409s of a sign-up, said plainly; anything else is the server's own message. */
export function signUpProblem(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'ALREADY_SIGNED_UP') return t('training.already');
  if (error.code === 'TRAINING_FULL') return t('training.fullRefused');
  if (error.code === 'TRAINING_CLOSED') return t('training.closed');
  return null;
}

/** `training` on /worker: a new course that fits; told once per training by the server. */
export function trainingNotice(training: TrainingView): void {
  showNotice(t('training.new', { title: training.title, day: formatDateTime(training.startsAt) }), 'info', 10_000);
}
