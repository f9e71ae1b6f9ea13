import { create } from 'qrcode';

export interface QrPicture {
  /** Modules per side including the quiet zone (the SVG viewBox). */
  size: number;
  /** One SVG path of all dark modules. */
  path: string;
}

const QUIET = 2;
const cache = new Map<string, QrPicture>();

/**
 * A QR code as one SVG path: crisp at any screen size and cheap for dozens of rows.
 * Level L keeps the symbol small so each module is as large as possible on a TV
 * seen from a few metres; a screen is never creased or stained.
 */
export function qrPicture(text: string): QrPicture {
  const cached = cache.get(text);
  if (cached) return cached;
  const { modules } = create(text, { errorCorrectionLevel: 'L' });
  let path = '';
  const dark = (row: number, col: number) => col < modules.size && modules.data[row * modules.size + col] === 1;
  for (let row = 0; row < modules.size; row++) {
    // One rectangle per run of dark modules: fewer shapes and no seams between neighbours.
    for (let col = 0; col < modules.size; col++) {
      if (!dark(row, col)) continue;
      const start = col;
      while (dark(row, col + 1)) col++;
      const run = col - start + 1;
      path += `M${start + QUIET} ${row + QUIET}h${run}v1h-${run}z`;
    }
  }
  const picture = { size: modules.size + QUIET * 2, path };
  if (cache.size > 500) cache.clear();
  cache.set(text, picture);
  return picture;
}

/** Where a phone lands when it scans a shift or a market (the phone app's paths). */
export const shiftLink = (shiftId: string) => `${location.origin}/m/#/shift/${encodeURIComponent(shiftId)}`;
export const marketLink = (marketId: string) => `${location.origin}/m/#/market/${encodeURIComponent(marketId)}`;
