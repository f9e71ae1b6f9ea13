/** One short message at a time at the top of the screen (a "toast"). */
export type NoticeTone = 'info' | 'good' | 'bad';

export const notice = $state<{ text: string | null; tone: NoticeTone; id: number }>({
  text: null,
  tone: 'info',
  id: 0,
});

let timer: ReturnType<typeof setTimeout> | undefined;

export function showNotice(text: string, tone: NoticeTone = 'info', ms = 5000): void {
  clearTimeout(timer);
  notice.text = text;
  notice.tone = tone;
  notice.id++;
  timer = setTimeout(() => (notice.text = null), ms);
}

export function clearNotice(): void {
  clearTimeout(timer);
  notice.text = null;
}
