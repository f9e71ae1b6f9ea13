import { pinyin } from 'pinyin-pro';

/** The 55 minority nationalities as they appear in autonomous regions' names (longest first when stripping). */
const NATIONALITIES = [
  '柯尔克孜',
  '鄂温克',
  '鄂伦春',
  '维吾尔',
  '哈萨克',
  '塔吉克',
  '俄罗斯',
  '乌孜别克',
  '塔塔尔',
  '达斡尔',
  '蒙古',
  '东乡',
  '保安',
  '撒拉',
  '裕固',
  '土家',
  '布依',
  '仫佬',
  '毛南',
  '仡佬',
  '傈僳',
  '纳西',
  '拉祜',
  '哈尼',
  '景颇',
  '德昂',
  '普米',
  '阿昌',
  '怒',
  '独龙',
  '基诺',
  '门巴',
  '珞巴',
  '锡伯',
  '赫哲',
  '朝鲜',
  '满',
  '回',
  '藏',
  '壮',
  '苗',
  '彝',
  '侗',
  '瑶',
  '白',
  '傣',
  '黎',
  '佤',
  '畲',
  '高山',
  '水',
  '土',
  '羌',
  '京',
  '各',
];
const AUTONOMOUS = new RegExp(`(?:(?:${NATIONALITIES.join('|')})族)+自治(?:区|州|县|旗)$`);
/** Administrative suffixes, longest first; what is left names the place (兰州市 → 兰州). */
const SUFFIXES = ['特别行政区', '自治区', '自治州', '自治县', '自治旗', '林区', '地区', '新区', '省', '市', '区', '县', '旗', '盟'];

/** The proper name of a division without its administrative suffix; kept whole when too little would remain. */
export function properName(name: string): string {
  const stripped = name.replace(AUTONOMOUS, '');
  if (stripped !== name && stripped.length >= 2) return stripped;
  for (const suffix of SUFFIXES) {
    if (name.endsWith(suffix) && name.length - suffix.length >= 2) return name.slice(0, -suffix.length);
  }
  return name;
}

/** Hanyu pinyin without tones, one word, capitalised: 朝阳区 → Chaoyang, 南山区 → Nanshan. */
export function pinyinName(name: string): string {
  const syllables = pinyin(properName(name), { toneType: 'none', type: 'array' });
  const word = syllables.join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}
