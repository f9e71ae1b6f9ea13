import type { BoardShift, WageUnit } from '@linggong/protocol';
import { spokenCount, spokenNumber } from './chinese-number.ts';

/** Spoken terms of pay: 日薪两百元, 时薪二十五元, 计件每件三元. */
const WAGE_SPEECH: Record<WageUnit, (amount: string) => string> = {
  day: (a) => `日薪${a}元`,
  hour: (a) => `时薪${a}元`,
  piece: (a) => `计件每件${a}元`,
};

export function announcementOf(shift: BoardShift): string {
  const wage = (WAGE_SPEECH[shift.wage.unit] ?? WAGE_SPEECH.day)(spokenNumber(shift.wage.amount));
  return `新岗位：${shift.tradeName}，${wage}，还需${spokenCount(shift.remaining)}人`;
}

const CHIME_GAP_MS = 1_500;
let audio: AudioContext | null = null;
let lastChime = 0;

/**
 * Browsers start audio only after a gesture, or at once on a kiosk started with
 * `--autoplay-policy=no-user-gesture-required`: create the context now, resume it on the first gesture.
 */
export function unlockAudioOnGesture(): void {
  context();
  const unlock = () => {
    context()?.resume().catch(() => undefined);
    window.removeEventListener('pointerdown', unlock);
    window.removeEventListener('keydown', unlock);
  };
  window.addEventListener('pointerdown', unlock);
  window.addEventListener('keydown', unlock);
}

function context(): AudioContext | null {
  try {
    audio ??= new AudioContext();
    return audio;
  } catch {
    return null;
  }
}

/** Two soft rising notes. */
export function playChime(): void {
  const now = Date.now();
  if (now - lastChime < CHIME_GAP_MS) return;
  lastChime = now;
  const ctx = context();
  // Until a gesture (or a kiosk autoplay policy) lets audio run, stay quiet rather than nag the browser.
  if (!ctx || ctx.state !== 'running') return;
  try {
    [660, 880].forEach((frequency, index) => {
      const start = ctx.currentTime + index * 0.18;
      const tone = ctx.createOscillator();
      const gain = ctx.createGain();
      tone.type = 'sine';
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.35);
      tone.connect(gain).connect(ctx.destination);
      tone.start(start);
      tone.stop(start + 0.4);
    });
  } catch {
    // A board without sound still works.
  }
}

/** Speak in Mandarin; in a burst of new shifts only one waits behind the one being spoken. */
export function speak(text: string): void {
  try {
    const synth = window.speechSynthesis;
    if (!synth || typeof SpeechSynthesisUtterance === 'undefined' || synth.pending) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = 'zh-CN';
    utterance.rate = 0.95;
    const voice = synth.getVoices().find((v) => v.lang.replace('_', '-').toLowerCase().startsWith('zh-cn'));
    if (voice) utterance.voice = voice;
    synth.speak(utterance);
  } catch {
    // No speech engine on this display: the chime and the screen still tell.
  }
}

export function announceShift(shift: BoardShift): void {
  playChime();
  // Let the chime finish before the voice starts.
  setTimeout(() => speak(announcementOf(shift)), 600);
}
