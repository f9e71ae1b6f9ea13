/** Whether this board speaks new shifts: the URL's `voice=` wins, then the saved choice, then on. */
export class VoiceSetting {
  on = $state(true);
  readonly #key: string;

  constructor(marketId: string, fromUrl: boolean | null) {
    this.#key = `linggong.board.voice.${marketId}`;
    this.on = fromUrl ?? readSaved(this.#key) ?? true;
  }

  toggle(): void {
    this.on = !this.on;
    try {
      localStorage.setItem(this.#key, this.on ? '1' : '0');
    } catch {
      // Private mode or storage disabled: the choice lasts until reload.
    }
    if (!this.on) {
      try {
        window.speechSynthesis?.cancel();
      } catch {
        // nothing to stop
      }
    }
  }
}

function readSaved(key: string): boolean | null {
  try {
    const saved = localStorage.getItem(key);
    return saved === null ? null : saved === '1';
  } catch {
    return null;
  }
}
