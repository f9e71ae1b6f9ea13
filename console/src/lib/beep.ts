/** A short two-tone beep for a new offer, made with WebAudio (no audio file to load). */
let context: AudioContext | null = null;

export function beep(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    const now = context.currentTime;
    for (const [i, freq] of [880, 1175].entries()) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const start = now + i * 0.18;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.35, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.16);
      osc.connect(gain).connect(context.destination);
      osc.start(start);
      osc.stop(start + 0.17);
    }
  } catch {
    // No audio on this PC: the highlighted card still shows.
  }
}

/** Browsers allow sound only after a click or key press on the page: unlock it on the first one. */
export function unlockAudioOnFirstGesture(): void {
  const unlock = () => {
    try {
      context ??= new AudioContext();
      void context.resume();
    } catch {
      // ignore
    }
  };
  window.addEventListener('pointerdown', unlock, { once: true });
  window.addEventListener('keydown', unlock, { once: true });
}
