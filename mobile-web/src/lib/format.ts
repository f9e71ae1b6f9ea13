import type { PhysicalDemand, Wage } from '@linggong/protocol';
import { locale, t } from './i18n.svelte.js';

export function formatMoney(amount: number): string {
  return '¥' + (Number.isInteger(amount) ? String(amount) : amount.toFixed(2).replace(/0$/, ''));
}

/** "¥220/天" or "¥220/day". */
export function formatWage(wage: Wage): string {
  return `${formatMoney(wage.amount)}/${t(`wage.per.${wage.unit}`)}`;
}

export function formatDistance(km: number): string {
  const value = km < 10 ? km.toFixed(1) : String(Math.round(km));
  return t('distance.km', { km: value });
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function clock(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function dayLabel(date: Date, now = new Date()): string {
  const startOfDay = (d: Date): number => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOfDay(date) - startOfDay(now)) / 86_400_000);
  if (days === 0) return t('day.today');
  if (days === 1) return t('day.tomorrow');
  if (days === -1) return t('day.yesterday');
  return locale.lang === 'en'
    ? `${date.getDate()}/${date.getMonth() + 1}`
    : `${date.getMonth() + 1}月${date.getDate()}日`;
}

/** "今天 08:00–17:00", or both days when the shift runs past midnight. */
export function formatTimeRange(startsAt: string, endsAt: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const startDay = dayLabel(start);
  const endDay = dayLabel(end);
  const endText = endDay === startDay ? clock(end) : `${endDay} ${clock(end)}`;
  return `${startDay} ${clock(start)}–${endText}`;
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return `${dayLabel(date)} ${clock(date)}`;
}

export function physicalLabel(level: PhysicalDemand): string {
  return t(`physical.${level}`);
}

/** Value for <input type="datetime-local"> in the phone's own time zone. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${clock(date)}`;
}

/** Back from datetime-local to an ISO string in UTC; null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const HIRE_STATUSES = ['hired', 'confirmed', 'arrived', 'completed', 'cancelled', 'no_show'] as const;

/** Assignment states are open-ended in the protocol; unknown ones are shown as sent. */
export function hireStatusLabel(status: string): string {
  const known = HIRE_STATUSES.find((s) => s === status);
  return known ? t(`hireStatus.${known}`) : status;
}
