/** What the board's URL asks for: `?market=<id>`, `?overview=<regionCode>`, `&kiosk=1`, `&voice=0`, `&tiles=<url>`. */
export interface BoardParams {
  marketId: string | null;
  overviewRegion: string | null;
  kiosk: boolean;
  /** null when the URL does not say; the saved choice (or on) then applies. */
  voice: boolean | null;
  tileUrl: string | null;
}

declare global {
  interface Window {
    /** Set by a deployment (e.g. an injected script) to draw map tiles from a local tile server. */
    __LINGGONG_TILE_URL__?: string;
  }
}

const flag = (value: string | null): boolean | null =>
  value === null ? null : !['0', 'false', 'off', 'no'].includes(value.toLowerCase());

export function readBoardParams(search: string = location.search): BoardParams {
  const query = new URLSearchParams(search);
  const text = (name: string) => query.get(name)?.trim() || null;
  return {
    marketId: text('market'),
    overviewRegion: text('overview'),
    kiosk: flag(query.get('kiosk')) ?? false,
    voice: flag(query.get('voice')),
    tileUrl: text('tiles') ?? (window.__LINGGONG_TILE_URL__ || null),
  };
}

/** A link to another board view that keeps the display options (kiosk, voice, tiles). */
export function boardLink(target: { market?: string; overview?: string }): string {
  const current = new URLSearchParams(location.search);
  const next = new URLSearchParams();
  if (target.market) next.set('market', target.market);
  if (target.overview) next.set('overview', target.overview);
  for (const keep of ['kiosk', 'voice', 'tiles']) {
    const value = current.get(keep);
    if (value !== null) next.set(keep, value);
  }
  return `?${next.toString()}`;
}
