import { readFlag, writeFlag } from './storage.js';

/** Reading aids: large type and high contrast, remembered on this phone. */
export const display = $state({
  largeText: readFlag('lg.largeText'),
  highContrast: readFlag('lg.contrast'),
});

export function applyDisplay(): void {
  const root = document.documentElement.classList;
  root.toggle('large-text', display.largeText);
  root.toggle('high-contrast', display.highContrast);
  const theme = document.querySelector('meta[name="theme-color"]');
  theme?.setAttribute('content', display.highContrast ? '#000000' : '#c2410c');
}

export function setLargeText(on: boolean): void {
  display.largeText = on;
  writeFlag('lg.largeText', on);
  applyDisplay();
}

export function setHighContrast(on: boolean): void {
  display.highContrast = on;
  writeFlag('lg.contrast', on);
  applyDisplay();
}
