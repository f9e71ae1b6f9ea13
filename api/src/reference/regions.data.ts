export interface RegionSeed {
  code: string;
  name: string;
  nameEn: string;
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
}

const province = (code: string, name: string, nameEn: string): RegionSeed => ({ code, name, nameEn, level: 'province', parentCode: null });
const city = (code: string, name: string, nameEn: string): RegionSeed => ({ code, name, nameEn, level: 'city', parentCode: '620000' });
const county = (code: string, name: string, nameEn: string): RegionSeed => ({
  code,
  name,
  nameEn,
  level: 'county',
  parentCode: `${code.slice(0, 4)}00`,
});

/** Gansu's administrative divisions (national codes, GB/T 2260), cities in full, counties where markets are. */
export const REGIONS: readonly RegionSeed[] = [
  province('620000', '甘肃省', 'Gansu'),
  city('620100', '兰州市', 'Lanzhou'),
  city('620200', '嘉峪关市', 'Jiayuguan'),
  city('620300', '金昌市', 'Jinchang'),
  city('620400', '白银市', 'Baiyin'),
  city('620500', '天水市', 'Tianshui'),
  city('620600', '武威市', 'Wuwei'),
  city('620700', '张掖市', 'Zhangye'),
  city('620800', '平凉市', 'Pingliang'),
  city('620900', '酒泉市', 'Jiuquan'),
  city('621000', '庆阳市', 'Qingyang'),
  city('621100', '定西市', 'Dingxi'),
  city('621200', '陇南市', 'Longnan'),
  city('622900', '临夏回族自治州', 'Linxia'),
  city('623000', '甘南藏族自治州', 'Gannan'),
  county('620102', '城关区', 'Chengguan'),
  county('620103', '七里河区', 'Qilihe'),
  county('620104', '西固区', 'Xigu'),
  county('620105', '安宁区', 'Anning'),
  county('620111', '红古区', 'Honggu'),
  county('620121', '永登县', 'Yongdeng'),
  county('620122', '皋兰县', 'Gaolan'),
  county('620123', '榆中县', 'Yuzhong'),
  county('620402', '白银区', 'Baiyin District'),
  county('620403', '平川区', 'Pingchuan'),
  county('620502', '秦州区', 'Qinzhou'),
  county('620503', '麦积区', 'Maiji'),
  county('620902', '肃州区', 'Suzhou'),
  county('621002', '西峰区', 'Xifeng'),
];

/** The region codes a filter code covers: a province its cities and counties, a city its counties. */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}
