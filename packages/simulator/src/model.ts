/**
 * What a day at Lanzhou's gig markets looks like: who comes, with which trades, what employers ask for and
 * pay. The figures are plausible orders of magnitude for Lanzhou in the mid-2020s (construction dominant, day
 * wages mostly 150–350 元), not official statistics.
 */
import type { PhysicalDemand, ShiftTerms, WageUnit } from '@linggong/protocol';
import type { Rng } from './random.js';

export interface LatLng {
  lat: number;
  lng: number;
}

export interface Place {
  /** Demo market id (api/src/reference/markets.data.ts); used when the server knows it. */
  marketId: string;
  district: string;
  location: LatLng;
  /** Share of the city's workers living around it. */
  weight: number;
  streets: readonly string[];
}

export const LANZHOU_PLACES: readonly Place[] = [
  {
    marketId: 'lz-chengguan',
    district: '城关区',
    location: { lat: 36.0577, lng: 103.8431 },
    weight: 0.4,
    streets: ['庆阳路', '东岗西路', '雁滩路', '南滨河东路', '民主东路', '焦家湾路', '张苏滩路', '嘉峪关西路'],
  },
  {
    marketId: 'lz-qilihe-construction',
    district: '七里河区',
    location: { lat: 36.0663, lng: 103.7868 },
    weight: 0.3,
    streets: ['西津西路', '建兰路', '敦煌路', '硷沟沿', '小西湖东街', '晏家坪路', '秀川路'],
  },
  {
    marketId: 'lz-anning-station',
    district: '安宁区',
    location: { lat: 36.1036, lng: 103.7226 },
    weight: 0.15,
    streets: ['安宁西路', '北滨河西路', '万新路', '费家营', '刘家堡路', '培黎路'],
  },
  {
    marketId: 'lz-xigu-station',
    district: '西固区',
    location: { lat: 36.0925, lng: 103.6268 },
    weight: 0.15,
    streets: ['西固中路', '福利东路', '合水北路', '陈坪路', '玉门街', '山丹街'],
  },
];

export type EmployerKind = 'construction' | 'logistics' | 'services' | 'catering' | 'factory_retail' | 'agriculture';

export interface TradeModel {
  code: string;
  /** Relative frequency among workers' trades. */
  workers: number;
  /** Day wage range in 元 (the 10th–90th percentile of offers). */
  day: readonly [number, number];
  /** Hourly rate range when the employer pays by the hour, and how often that happens. */
  hourly?: { range: readonly [number, number]; share: number };
  physical: PhysicalDemand;
  /** Which kind of employer posts it, and how often among that kind's posts. */
  kind: EmployerKind;
  demand: number;
  titles: readonly string[];
  /** Crews of 10–20 are plausible for this trade. */
  crews?: boolean;
}

export const TRADE_MODELS: readonly TradeModel[] = [
  {
    code: 'construction_laborer',
    workers: 20,
    day: [180, 250],
    physical: 'heavy',
    kind: 'construction',
    demand: 40,
    titles: ['工地清理小工', '搬砖和灰小工', '拆除清运', '土方配合小工'],
    crews: true,
  },
  {
    code: 'mason',
    workers: 8,
    day: [280, 380],
    physical: 'heavy',
    kind: 'construction',
    demand: 10,
    titles: ['砌墙大工', '抹灰泥瓦工', '地面找平'],
  },
  {
    code: 'carpenter',
    workers: 5,
    day: [280, 380],
    physical: 'heavy',
    kind: 'construction',
    demand: 6,
    titles: ['支模木工', '装修木工', '吊顶木工'],
  },
  {
    code: 'rebar_worker',
    workers: 5,
    day: [260, 350],
    physical: 'heavy',
    kind: 'construction',
    demand: 6,
    titles: ['绑扎钢筋', '钢筋下料'],
    crews: true,
  },
  { code: 'scaffolder', workers: 3, day: [280, 360], physical: 'heavy', kind: 'construction', demand: 3, titles: ['搭设外架', '拆脚手架'] },
  {
    code: 'electrician',
    workers: 4,
    day: [280, 380],
    physical: 'moderate',
    kind: 'construction',
    demand: 4,
    titles: ['装修电工', '工地临电维护', '配电箱安装'],
  },
  {
    code: 'plumber',
    workers: 3,
    day: [260, 350],
    physical: 'moderate',
    kind: 'construction',
    demand: 3,
    titles: ['水暖安装', '管道改造', '暖气片安装'],
  },
  { code: 'welder', workers: 3, day: [300, 400], physical: 'heavy', kind: 'construction', demand: 3, titles: ['钢结构电焊', '护栏焊接'] },
  {
    code: 'painter',
    workers: 3,
    day: [240, 320],
    physical: 'moderate',
    kind: 'construction',
    demand: 3,
    titles: ['墙面刷漆', '外墙涂料', '腻子打磨'],
  },
  { code: 'tiler', workers: 3, day: [280, 380], physical: 'moderate', kind: 'construction', demand: 3, titles: ['卫生间贴砖', '地砖铺贴'] },
  {
    code: 'decorator',
    workers: 4,
    day: [240, 330],
    physical: 'moderate',
    kind: 'construction',
    demand: 5,
    titles: ['家装杂工', '门窗安装', '装修收尾'],
  },
  {
    code: 'mover',
    workers: 6,
    day: [200, 280],
    hourly: { range: [30, 45], share: 0.4 },
    physical: 'heavy',
    kind: 'logistics',
    demand: 30,
    titles: ['搬家装车', '家具搬运', '办公室搬迁'],
  },
  {
    code: 'loader',
    workers: 6,
    day: [180, 260],
    hourly: { range: [25, 35], share: 0.3 },
    physical: 'heavy',
    kind: 'logistics',
    demand: 35,
    titles: ['货车卸货', '建材装卸', '冷库装卸'],
    crews: true,
  },
  {
    code: 'warehouse_picker',
    workers: 3,
    day: [150, 200],
    hourly: { range: [18, 25], share: 0.5 },
    physical: 'moderate',
    kind: 'logistics',
    demand: 20,
    titles: ['电商仓分拣', '快递分拣夜班前'],
    crews: true,
  },
  {
    code: 'delivery_rider',
    workers: 2,
    day: [180, 250],
    physical: 'moderate',
    kind: 'logistics',
    demand: 7,
    titles: ['同城配送', '生鲜配送'],
  },
  { code: 'driver', workers: 2, day: [250, 350], physical: 'light', kind: 'logistics', demand: 8, titles: ['货车司机(C1)', '面包车送货'] },
  {
    code: 'cleaner',
    workers: 6,
    day: [140, 180],
    hourly: { range: [20, 30], share: 0.4 },
    physical: 'moderate',
    kind: 'services',
    demand: 35,
    titles: ['商场保洁', '开荒保洁', '小区保洁'],
  },
  {
    code: 'domestic_helper',
    workers: 3,
    day: [150, 220],
    hourly: { range: [30, 45], share: 0.6 },
    physical: 'light',
    kind: 'services',
    demand: 15,
    titles: ['家庭保洁', '做饭阿姨', '老人陪护半天'],
  },
  {
    code: 'appliance_repair',
    workers: 1,
    day: [250, 350],
    physical: 'light',
    kind: 'services',
    demand: 4,
    titles: ['空调清洗', '热水器维修'],
  },
  { code: 'caregiver', workers: 2, day: [180, 260], physical: 'moderate', kind: 'services', demand: 8, titles: ['医院护工', '术后陪护'] },
  {
    code: 'security_guard',
    workers: 2,
    day: [130, 170],
    physical: 'light',
    kind: 'services',
    demand: 12,
    titles: ['活动安保', '小区临时门岗'],
  },
  { code: 'landscaper', workers: 2, day: [150, 200], physical: 'moderate', kind: 'services', demand: 10, titles: ['绿化养护', '草坪修剪'] },
  {
    code: 'sanitation_worker',
    workers: 1,
    day: [130, 160],
    physical: 'moderate',
    kind: 'services',
    demand: 8,
    titles: ['道路清扫', '垃圾清运'],
  },
  {
    code: 'kitchen_helper',
    workers: 3,
    day: [140, 180],
    physical: 'moderate',
    kind: 'catering',
    demand: 40,
    titles: ['后厨帮工', '切配小工'],
  },
  {
    code: 'waiter',
    workers: 2,
    day: [130, 170],
    hourly: { range: [18, 25], share: 0.5 },
    physical: 'light',
    kind: 'catering',
    demand: 35,
    titles: ['宴席服务员', '婚宴传菜'],
    crews: true,
  },
  { code: 'dishwasher', workers: 2, day: [120, 160], physical: 'moderate', kind: 'catering', demand: 25, titles: ['洗碗工', '宴席洗碗'] },
  {
    code: 'assembly_worker',
    workers: 2,
    day: [150, 200],
    hourly: { range: [18, 22], share: 0.5 },
    physical: 'moderate',
    kind: 'factory_retail',
    demand: 35,
    titles: ['流水线普工', '装配普工'],
    crews: true,
  },
  {
    code: 'packer',
    workers: 2,
    day: [140, 180],
    physical: 'light',
    kind: 'factory_retail',
    demand: 25,
    titles: ['食品包装', '礼盒打包'],
    crews: true,
  },
  {
    code: 'stocker',
    workers: 1,
    day: [140, 180],
    physical: 'moderate',
    kind: 'factory_retail',
    demand: 15,
    titles: ['超市理货', '夜间补货'],
  },
  {
    code: 'promoter',
    workers: 1,
    day: [150, 200],
    hourly: { range: [20, 30], share: 0.4 },
    physical: 'light',
    kind: 'factory_retail',
    demand: 12,
    titles: ['超市促销', '地推发单'],
  },
  {
    code: 'event_staff',
    workers: 1,
    day: [150, 200],
    physical: 'moderate',
    kind: 'factory_retail',
    demand: 13,
    titles: ['展会布展', '活动搭建'],
    crews: true,
  },
  {
    code: 'farm_worker',
    workers: 2,
    day: [120, 170],
    physical: 'heavy',
    kind: 'agriculture',
    demand: 45,
    titles: ['百合地除草', '玉米地间苗'],
    crews: true,
  },
  {
    code: 'fruit_picker',
    workers: 1,
    day: [130, 180],
    physical: 'moderate',
    kind: 'agriculture',
    demand: 30,
    titles: ['采摘软儿梨', '桃园采摘'],
    crews: true,
  },
  {
    code: 'greenhouse_worker',
    workers: 1,
    day: [130, 170],
    physical: 'moderate',
    kind: 'agriculture',
    demand: 25,
    titles: ['大棚蔬菜采收', '大棚育苗'],
  },
];

export const TRADE_BY_CODE = new Map(TRADE_MODELS.map((t) => [t.code, t]));

/** Employer kinds: how often each kind posts, and what its organisations are called. */
export const EMPLOYER_KINDS: ReadonlyArray<{ kind: EmployerKind; share: number; names: readonly string[] }> = [
  {
    kind: 'construction',
    share: 0.45,
    names: ['建筑劳务有限公司', '建工劳务分包有限公司', '装饰工程有限公司', '市政工程有限公司', '家装工作室', '钢结构工程有限公司'],
  },
  { kind: 'logistics', share: 0.15, names: ['物流有限公司', '搬家服务部', '供应链管理有限公司', '建材批发部'] },
  {
    kind: 'services',
    share: 0.17,
    names: ['物业管理有限公司', '家政服务有限公司', '保洁服务中心', '园林绿化有限公司', '保安服务有限公司'],
  },
  { kind: 'catering', share: 0.1, names: ['牛肉面馆', '酒楼', '餐饮管理有限公司', '宴会中心'] },
  { kind: 'factory_retail', share: 0.09, names: ['食品有限公司', '超市', '会展服务有限公司', '包装制品厂'] },
  { kind: 'agriculture', share: 0.04, names: ['百合种植专业合作社', '蔬菜种植专业合作社', '果园'] },
];

const NAME_PREFIXES = [
  '金城',
  '陇原',
  '黄河',
  '皋兰',
  '兴陇',
  '安宁',
  '西固',
  '雁滩',
  '华林',
  '白塔',
  '五泉',
  '河西',
  '兰新',
  '鑫盛',
  '宏达',
  '恒通',
];

export function employerName(rng: Rng, kind: EmployerKind): string {
  const names = EMPLOYER_KINDS.find((k) => k.kind === kind)!.names;
  return `兰州${rng.pick(NAME_PREFIXES)}${rng.pick(names)}`;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '马', '周', '魏', '何', '郭', '罗', '孙', '朱', '汪', '蒲', '牛', '丁', '苏'];
const GIVEN = [
  '建军',
  '国强',
  '志刚',
  '永平',
  '海军',
  '文斌',
  '小红',
  '秀兰',
  '玉梅',
  '桂英',
  '军',
  '强',
  '伟',
  '勇',
  '涛',
  '霞',
  '燕',
  '兴旺',
  '福林',
  '有才',
  '德明',
  '春梅',
  '亚东',
  '学文',
];

export function personName(rng: Rng): string {
  return `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}`;
}

/** 1–3 trades: the first by population frequency, the others mostly from the same kind of work. */
export function workerTrades(rng: Rng): string[] {
  const count = rng.weighted([
    [1, 0.5],
    [2, 0.35],
    [3, 0.15],
  ] as const);
  const first = rng.weighted(TRADE_MODELS.map((t) => [t, t.workers] as const));
  const trades = [first];
  while (trades.length < count) {
    const sameKind = rng.chance(0.7);
    const pool = TRADE_MODELS.filter((t) => !trades.includes(t) && (!sameKind || t.kind === first.kind));
    if (!pool.length) break;
    trades.push(rng.weighted(pool.map((t) => [t, t.workers] as const)));
  }
  return trades.map((t) => t.code);
}

/** A point about `sdKm` around `center` (normal in each direction). */
export function around(rng: Rng, center: LatLng, sdKm: number): LatLng {
  const dLat = rng.normal(0, sdKm) / 111.32;
  const dLng = rng.normal(0, sdKm) / (111.32 * Math.cos((center.lat * Math.PI) / 180));
  return { lat: round6(center.lat + dLat), lng: round6(center.lng + dLng) };
}

export function distanceKm(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

export function nearestPlace(p: LatLng): Place {
  return LANZHOU_PLACES.reduce((best, place) => (distanceKm(p, place.location) < distanceKm(p, best.location) ? place : best));
}

export function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** Headcount: mostly 1–5, sometimes a crew of 10–20 where crews are usual. */
export function headcount(rng: Rng, trade: TradeModel): number {
  if (trade.crews && rng.chance(0.18)) return rng.int(10, 20);
  if (rng.chance(0.05)) return rng.int(6, 9);
  return rng.weighted([
    [1, 30],
    [2, 26],
    [3, 16],
    [4, 10],
    [5, 8],
  ] as const);
}

export interface WageOffer {
  amount: number;
  unit: WageUnit;
}

/** A wage inside the trade's range (a little over it now and then); hourly where the trade pays so. */
export function wageFor(rng: Rng, trade: TradeModel): WageOffer {
  if (trade.hourly && rng.chance(trade.hourly.share)) {
    const [lo, hi] = trade.hourly.range;
    return { amount: Math.round(rng.uniform(lo, hi * 1.05)), unit: 'hour' };
  }
  const [lo, hi] = trade.day;
  return { amount: Math.round(rng.uniform(lo * 0.95, hi * 1.05) / 10) * 10, unit: 'day' };
}

/** The middle of a trade's day-wage range: what a worker of that trade expects, before personal variation. */
export function referenceDayWage(trade: string): number {
  const t = TRADE_BY_CODE.get(trade);
  return t ? (t.day[0] + t.day[1]) / 2 : 200;
}

/** What a wage is worth over a whole shift, in 元 (piece rates: taken at the reference). */
export function dayEquivalent(wage: WageOffer, hours: number, trade: string): number {
  if (wage.unit === 'day') return wage.amount;
  if (wage.unit === 'hour') return wage.amount * hours;
  return referenceDayWage(trade);
}

/** Honest terms for the trade: what the work really asks, what comes with it. */
export function termsFor(rng: Rng, trade: TradeModel, kind: EmployerKind, startHour: number, hours: number): ShiftTerms {
  const mealsLikely = kind === 'construction' || kind === 'catering' || kind === 'agriculture';
  return {
    transportProvided: kind === 'agriculture' || (kind === 'construction' && rng.chance(0.2)) || rng.chance(0.05),
    mealsProvided: mealsLikely ? rng.chance(0.7) : rng.chance(0.2),
    nightWork: startHour + hours > 22,
    physicalDemand: trade.physical,
    olderFriendly: trade.physical !== 'heavy' && rng.chance(0.45),
  };
}

export function describe(terms: ShiftTerms, hours: number): string {
  const parts = [`工作约 ${hours} 小时`];
  if (terms.mealsProvided) parts.push('管午饭');
  if (terms.transportProvided) parts.push('统一接送');
  parts.push(terms.physicalDemand === 'heavy' ? '体力活，需身体好' : terms.physicalDemand === 'light' ? '活不重' : '一般体力');
  if (terms.olderFriendly) parts.push('大龄可');
  parts.push('当天结算');
  return parts.join('，');
}
