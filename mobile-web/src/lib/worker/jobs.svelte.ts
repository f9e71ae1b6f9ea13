import type { OfferedShift } from '@linggong/protocol';
import { session } from '../session.svelte.js';
import { readJson, writeJson } from '../storage.js';

/** Work this worker has been hired for, kept on the phone to show address and time offline. */
export interface Job {
  assignmentId: string;
  shift: OfferedShift;
  hiredAt: string;
}

const key = (): string => `lg.jobs.${session.account?.id ?? 'anon'}`;
const KEEP_AFTER_END_MS = 24 * 60 * 60 * 1000;

function load(): Job[] {
  const now = Date.now();
  return (readJson<Job[]>(key()) ?? []).filter((job) => Date.parse(job.shift.endsAt) + KEEP_AFTER_END_MS > now);
}

export const jobs = $state<{ list: Job[] }>({ list: load() });

function save(): void {
  writeJson(key(), jobs.list);
}

export function reloadJobs(): void {
  jobs.list = load();
}

export function addJob(job: Job): void {
  jobs.list = [job, ...jobs.list.filter((known) => known.assignmentId !== job.assignmentId)].sort(
    (a, b) => Date.parse(a.shift.startsAt) - Date.parse(b.shift.startsAt),
  );
  save();
}

export function removeJob(assignmentId: string): Job | null {
  const job = jobs.list.find((known) => known.assignmentId === assignmentId) ?? null;
  jobs.list = jobs.list.filter((known) => known.assignmentId !== assignmentId);
  save();
  return job;
}

export function findJob(assignmentId: string): Job | null {
  return jobs.list.find((known) => known.assignmentId === assignmentId) ?? null;
}
