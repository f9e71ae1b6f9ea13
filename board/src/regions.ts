/** Gansu's region codes (GB/T 2260) the board names: the province and its cities. */
const REGION_NAMES: Record<string, { name: string; nameEn: string }> = {
  '620000': { name: '甘肃省', nameEn: 'Gansu' },
  '620100': { name: '兰州市', nameEn: 'Lanzhou' },
  '620200': { name: '嘉峪关市', nameEn: 'Jiayuguan' },
  '620300': { name: '金昌市', nameEn: 'Jinchang' },
  '620400': { name: '白银市', nameEn: 'Baiyin' },
  '620500': { name: '天水市', nameEn: 'Tianshui' },
  '620600': { name: '武威市', nameEn: 'Wuwei' },
  '620700': { name: '张掖市', nameEn: 'Zhangye' },
  '620800': { name: '平凉市', nameEn: 'Pingliang' },
  '620900': { name: '酒泉市', nameEn: 'Jiuquan' },
  '621000': { name: '庆阳市', nameEn: 'Qingyang' },
  '621100': { name: '定西市', nameEn: 'Dingxi' },
  '621200': { name: '陇南市', nameEn: 'Longnan' },
  '622900': { name: '临夏回族自治州', nameEn: 'Linxia' },
  '623000': { name: '甘南藏族自治州', nameEn: 'Gannan' },
};

export function regionName(code: string): { name: string; nameEn: string } {
  return REGION_NAMES[code] ?? { name: `地区 ${code}`, nameEn: `Region ${code}` };
}

/** The city (or prefecture) a county-level code belongs to: 620102 → 620100. */
export function cityOf(regionCode: string): string {
  return `${regionCode.slice(0, 4)}00`;
}

/** Whether `regionCode` lies within `area`: a province covers its cities and counties, a city its counties. */
export function withinRegion(regionCode: string, area: string): boolean {
  const prefix = area.endsWith('0000') ? area.slice(0, 2) : area.endsWith('00') ? area.slice(0, 4) : area;
  return regionCode.startsWith(prefix);
}
