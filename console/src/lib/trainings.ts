import type {
  TrainingDemandSummaryRow,
  TrainingInput,
  TrainingMarkRequest,
  TrainingSignupRow,
  TrainingView,
} from '@linggong/protocol';
import { request } from './api.js';

const id = encodeURIComponent;

/** The trainings routes (protocol Part 2 "Training" and its extensions), as the console calls them. */
export const trainings = {
  publish: (body: TrainingInput) => request<TrainingView>('POST', '/trainings', { body }),
  managed: () => request<TrainingView[]>('GET', '/trainings/managed'),
  signups: (trainingId: string) => request<TrainingSignupRow[]>('GET', `/trainings/${id(trainingId)}/signups`),
  mark: (trainingId: string, workerId: string, body: TrainingMarkRequest) =>
    request<TrainingSignupRow>('POST', `/trainings/${id(trainingId)}/signups/${id(workerId)}`, { body }),
  demand: (regionCode?: string) =>
    request<TrainingDemandSummaryRow[]>('GET', '/training-demand/summary', { query: regionCode ? { regionCode } : {} }),
};
