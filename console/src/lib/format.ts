/** Times shown in China time (Asia/Shanghai), whatever the desk PC's own zone. */
const ZONE = 'Asia/Shanghai';

const timeFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hour12: false });
const secondsFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const dateParts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** "08:05" */
export function clock(iso: string | null | undefined): string {
  return iso ? timeFmt.format(new Date(iso)) : '—';
}

/** "08:05:09" */
export function clockSeconds(iso: string): string {
  return secondsFmt.format(new Date(iso));
}

/** "2026-12-07" of an instant, in China time. */
export function chinaDate(at: Date | string = new Date()): string {
  return dateParts.format(typeof at === 'string' ? new Date(at) : at);
}

/** "2026-12-07 08:05" */
export function dateTime(iso: string | null | undefined): string {
  return iso ? `${chinaDate(iso)} ${clock(iso)}` : '—';
}

/** Whole minutes since an instant. */
export function minutesSince(iso: string | null | undefined, now = Date.now()): number {
  return iso ? Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000)) : 0;
}

export function money(amount: number): string {
  return `¥${Number.isInteger(amount) ? amount : amount.toFixed(2)}`;
}

/** "YYYY-MM-DDTHH:mm" in China time for a datetime-local input. */
export function toLocalInput(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);
}

/** A datetime-local value (China time) back to an ISO instant. */
export function fromLocalInput(value: string): string {
  return new Date(`${value}:00+08:00`).toISOString();
}

/** Lines of a textarea, trimmed, empties dropped. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
