/**
 * GB/T 2260 codes are six digits: two for the province, two for the city, two for the county. A region
 * covers every code that shares its significant prefix (620000 → "62", 620100 → "6201", 620102 → itself).
 */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

export function regionCovers(scopeCode: string, code: string | null | undefined): boolean {
  return !!code && code.startsWith(regionPrefix(scopeCode));
}

export const REGION_CODE = /^\d{6}$/;
