import type { Amenity, MarketKind, MarketOperator } from '@linggong/protocol';

export interface MarketSeed {
  id: string;
  name: string;
  nameEn: string;
  kind: MarketKind;
  operator: MarketOperator;
  regionCode: string;
  lat: number;
  lng: number;
  address: string;
  hours: string;
  reachKm: number;
  services: string[];
  amenities: Amenity[];
}

const SERVICES = ['岗位信息发布', '供需匹配', '职业指导', '技能培训信息', '权益维护指引', '政策咨询'];
const amenity = (kind: string, name: string, nameEn: string, detail?: string): Amenity =>
  detail ? { kind, name, nameEn, detail } : { kind, name, nameEn };
const BASIC = [
  amenity('rest', '休息区', 'Rest area'),
  amenity('water', '饮用水', 'Drinking water'),
  amenity('toilet', '卫生间', 'Toilets'),
];

/** Demo markets at real places in Gansu (coordinates approximate). */
export const DEMO_MARKETS: readonly MarketSeed[] = [
  {
    id: 'lz-chengguan',
    name: '兰州市城关区零工市场',
    nameEn: 'Lanzhou Chengguan Gig Market',
    kind: 'comprehensive',
    operator: 'hrss',
    regionCode: '620102',
    lat: 36.0577,
    lng: 103.8431,
    address: '兰州市城关区庆阳路与酒泉路交叉口东南侧',
    hours: '06:00-18:00',
    reachKm: 15,
    services: SERVICES,
    amenities: [
      ...BASIC,
      amenity('parking', '停车场', 'Parking'),
      amenity('tools', '工具借用', 'Tool lending', '电钻、梯子、手推车'),
      amenity('storage', '行李寄存', 'Luggage storage'),
      amenity('charging', '手机充电', 'Phone charging'),
    ],
  },
  {
    id: 'lz-qilihe-construction',
    name: '兰州市七里河区建筑业零工市场',
    nameEn: 'Lanzhou Qilihe Construction Trades Market',
    kind: 'industry',
    operator: 'co_branded',
    regionCode: '620103',
    lat: 36.0663,
    lng: 103.7868,
    address: '兰州市七里河区西津东路兰州西站南广场东侧',
    hours: '05:00-12:00',
    reachKm: 20,
    services: [...SERVICES, '安全技能提示'],
    amenities: [...BASIC, amenity('tools', '工具借用与存放', 'Tool lending and storage'), amenity('shuttle', '工地班车', 'Site shuttle')],
  },
  {
    id: 'lz-anning-station',
    name: '安宁区家门口零工服务站',
    nameEn: 'Anning Doorstep Gig Service Station',
    kind: 'station',
    operator: 'contracted',
    regionCode: '620105',
    lat: 36.1036,
    lng: 103.7226,
    address: '兰州市安宁区安宁西路街道便民服务中心一楼',
    hours: '08:00-17:30',
    reachKm: 8,
    services: ['岗位信息发布', '供需匹配', '政策咨询'],
    amenities: BASIC,
  },
  {
    id: 'lz-xigu-station',
    name: '西固区零工驿站',
    nameEn: 'Xigu Gig Station',
    kind: 'station',
    operator: 'hrss',
    regionCode: '620104',
    lat: 36.0925,
    lng: 103.6268,
    address: '兰州市西固区福利路街道社区服务中心',
    hours: '07:00-17:00',
    reachKm: 8,
    services: ['岗位信息发布', '供需匹配', '权益维护指引'],
    amenities: BASIC,
  },
  {
    id: 'ts-qinzhou',
    name: '天水市秦州区零工市场',
    nameEn: 'Tianshui Qinzhou Gig Market',
    kind: 'comprehensive',
    operator: 'hrss',
    regionCode: '620502',
    lat: 34.5809,
    lng: 105.7249,
    address: '天水市秦州区民主西路人力资源市场一楼',
    hours: '06:30-18:00',
    reachKm: 15,
    services: SERVICES,
    amenities: [...BASIC, amenity('parking', '停车场', 'Parking')],
  },
  {
    id: 'by-baiyin',
    name: '白银市白银区零工市场',
    nameEn: 'Baiyin Gig Market',
    kind: 'comprehensive',
    operator: 'co_branded',
    regionCode: '620402',
    lat: 36.5447,
    lng: 104.1737,
    address: '白银市白银区公园路公共就业服务中心',
    hours: '06:30-17:30',
    reachKm: 15,
    services: SERVICES,
    amenities: BASIC,
  },
  {
    id: 'jq-suzhou',
    name: '酒泉市肃州区零工市场',
    nameEn: 'Jiuquan Suzhou Gig Market',
    kind: 'comprehensive',
    operator: 'hrss',
    regionCode: '620902',
    lat: 39.7397,
    lng: 98.5083,
    address: '酒泉市肃州区西文化街人力资源服务大厅',
    hours: '07:00-18:00',
    reachKm: 15,
    services: SERVICES,
    amenities: [...BASIC, amenity('lodging', '临时住宿信息', 'Lodging information')],
  },
  {
    id: 'qy-xifeng',
    name: '庆阳市西峰区零工市场',
    nameEn: 'Qingyang Xifeng Gig Market',
    kind: 'comprehensive',
    operator: 'contracted',
    regionCode: '621002',
    lat: 35.7093,
    lng: 107.6432,
    address: '庆阳市西峰区南大街就业服务中心',
    hours: '07:00-18:00',
    reachKm: 15,
    services: SERVICES,
    amenities: BASIC,
  },
];

export const MARKET_HOTLINE = '12333';
export const MARKET_COMPLAINT_CHANNEL = '12333 人社服务热线 / 市场服务窗口 / 甘肃人社 App 投诉入口';
