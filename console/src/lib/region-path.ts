/** GB/T 2260 codes carry their ancestors: 620102 is in city 620100, in province 620000. */
export interface RegionPath {
  province: string;
  city: string | null;
  county: string | null;
}

export function splitRegion(code: string): RegionPath {
  const province = `${code.slice(0, 2)}0000`;
  const city = code.endsWith('0000') ? null : `${code.slice(0, 4)}00`;
  const county = code.endsWith('00') ? null : code;
  return { province, city, county };
}

export function joinRegion(path: RegionPath): string {
  return path.county ?? path.city ?? path.province;
}

/** Whether `code` lies within `area` (a province covers its cities and counties). */
export function withinRegion(code: string, area: string): boolean {
  const prefix = area.endsWith('0000') ? area.slice(0, 2) : area.endsWith('00') ? area.slice(0, 4) : area;
  return code.startsWith(prefix);
}
