import type { Feature, FeatureCollection, Geometry, MultiPolygon } from 'geojson';
import BOUNDARIES from './gansu-boundaries.json';

/**
 * The board's offline base map: Gansu's province, city and county boundaries (from boundary data
 * published on npm, simplified to about 1 km), its main cities as points, and a few hand-placed Lanzhou
 * landmarks (the Yellow River, main roads, districts). [lng, lat]; this is orientation, not survey.
 */
export type BaseKind = 'province' | 'cityline' | 'countyline' | 'city' | 'district' | 'river' | 'road';
export interface BaseProps {
  kind: BaseKind;
  name: string;
  nameEn: string;
}

const feature = (kind: BaseKind, name: string, nameEn: string, geometry: Geometry): Feature<Geometry, BaseProps> => ({
  type: 'Feature',
  properties: { kind, name, nameEn },
  geometry,
});
const point = (kind: BaseKind, name: string, nameEn: string, lat: number, lng: number) =>
  feature(kind, name, nameEn, { type: 'Point', coordinates: [lng, lat] });
const line = (kind: BaseKind, name: string, nameEn: string, coordinates: [number, number][]) =>
  feature(kind, name, nameEn, { type: 'LineString', coordinates });

/** Gansu, its cities and counties: real boundaries, simplified (scripts/boundaries.mjs writes this file). */
const SHAPES = BOUNDARIES as Record<string, MultiPolygon>;
const PROVINCE = SHAPES['620000'];
const ring = PROVINCE.coordinates.flat(2);

/** The province's extent, for a whole-province view. */
export const GANSU_CORNERS = [
  { lat: Math.min(...ring.map(([, lat]) => lat)), lng: Math.min(...ring.map(([lng]) => lng)) },
  { lat: Math.max(...ring.map(([, lat]) => lat)), lng: Math.max(...ring.map(([lng]) => lng)) },
];

/** City (prefecture) and county borders as lines over the province's fill. */
const borders = (kind: 'cityline' | 'countyline', level: (code: string) => boolean) =>
  Object.entries(SHAPES)
    .filter(([code]) => level(code))
    .map(([code, shape]) => feature(kind, code, code, shape));
const isCity = (code: string) => code !== '620000' && code.endsWith('00');

export const GANSU_BASE: FeatureCollection<Geometry, BaseProps> = {
  type: 'FeatureCollection',
  features: [
    feature('province', '甘肃省', 'Gansu', PROVINCE),
    ...borders('countyline', (code) => !code.endsWith('00')),
    ...borders('cityline', isCity),
    point('city', '兰州', 'Lanzhou', 36.06, 103.83),
    point('city', '天水', 'Tianshui', 34.58, 105.72),
    point('city', '白银', 'Baiyin', 36.54, 104.17),
    point('city', '酒泉', 'Jiuquan', 39.73, 98.49),
    point('city', '庆阳', 'Qingyang', 35.71, 107.64),
    point('city', '张掖', 'Zhangye', 38.93, 100.45),
    point('city', '武威', 'Wuwei', 37.93, 102.64),
    point('city', '金昌', 'Jinchang', 38.52, 102.19),
    point('city', '平凉', 'Pingliang', 35.54, 106.67),
    point('city', '定西', 'Dingxi', 35.58, 104.63),
    point('city', '陇南', 'Longnan', 33.4, 104.92),
    point('city', '临夏', 'Linxia', 35.6, 103.21),
    point('city', '合作', 'Hezuo', 34.98, 102.91),
    line('river', '黄河', 'Yellow River', [
      [103.35, 36.02], [103.52, 36.09], [103.63, 36.11], [103.72, 36.1], [103.78, 36.075],
      [103.82, 36.066], [103.86, 36.063], [103.9, 36.07], [103.95, 36.09], [104.02, 36.13],
    ]),
    line('road', '南滨河路', 'Nanbinhe Rd', [[103.63, 36.1], [103.72, 36.09], [103.78, 36.068], [103.83, 36.061], [103.89, 36.064]]),
    line('road', '北滨河路', 'Beibinhe Rd', [[103.7, 36.108], [103.76, 36.09], [103.82, 36.071], [103.88, 36.075]]),
    line('road', '西津路 · 庆阳路 · 东岗路', 'Xijin / Qingyang / Donggang Rd', [
      [103.63, 36.09], [103.7, 36.076], [103.77, 36.063], [103.8, 36.06], [103.84, 36.058],
      [103.88, 36.052], [103.93, 36.047],
    ]),
    line('road', '天水路', 'Tianshui Rd', [[103.858, 36.07], [103.857, 36.055], [103.856, 36.035]]),
    line('road', '安宁西路', 'Anning West Rd', [[103.66, 36.11], [103.72, 36.104], [103.76, 36.1]]),
    point('district', '城关区', 'Chengguan', 36.05, 103.84),
    point('district', '七里河区', 'Qilihe', 36.062, 103.78),
    point('district', '西固区', 'Xigu', 36.09, 103.63),
    point('district', '安宁区', 'Anning', 36.102, 103.72),
    point('district', '红古区', 'Honggu', 36.34, 102.86),
    point('district', '兰州新区', 'Lanzhou New Area', 36.5, 103.68),
  ],
};
