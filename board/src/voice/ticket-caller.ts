import type { TicketCall } from '@linggong/protocol';
import { playChime, speak } from './shift-announcer.ts';

const DIGITS = '零一二三四五六七八九';

/** "A012" read out one character at a time, as halls call numbers: "A零一二". */
export function spokenTicket(ticket: string): string {
  return [...ticket].map((c) => (c >= '0' && c <= '9' ? DIGITS[Number(c)] : c)).join('');
}

/** 请 A012 号到窗口 (the screen) and its spoken form. */
export function ticketText(call: TicketCall): string {
  return `请 ${call.ticket} 号到窗口`;
}

export function callTicket(call: TicketCall): void {
  playChime();
  const words = `请${spokenTicket(call.ticket)}号到窗口，${call.tradeName}`;
  // Said twice, as a hall's caller does: the first time people only start to listen.
  setTimeout(() => {
    speak(words);
    setTimeout(() => speak(words), 4_000);
  }, 600);
}
