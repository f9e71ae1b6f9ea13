/** How the officer screens write figures: ratios with two decimals, shares as percent, "—" for none. */
export function ratioText(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(2);
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value * 1000) / 10}%`;
}

export function num(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : String(Math.round(value * 100) / 100);
}

export function yuan(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `¥${Math.round(value)}`;
}

/** Minutes as "1 小时 20 分" style text is longer than needed on a table: keep minutes. */
export function minutes(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value)}`;
}
