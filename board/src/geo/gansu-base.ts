import type { Feature, FeatureCollection, Geometry } from 'geojson';

/**
 * The board's offline base map: a hand-simplified outline of Gansu province, its main
 * cities as points, and a few Lanzhou landmarks (the Yellow River, main roads, districts).
 * Coordinates are approximate ([lng, lat], WGS-84); this is orientation, not survey.
 */
export type BaseKind = 'province' | 'city' | 'district' | 'river' | 'road';
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

// Clockwise from the far west (Aksai), along Xinjiang, Mongolia, Inner Mongolia,
// Ningxia, Shaanxi, Sichuan and Qinghai.
const OUTLINE: [number, number][] = [
  [92.3, 39.1],
  [93.2, 40.6],
  [94.6, 41.5],
  [95.4, 41.9],
  [96.4, 42.6],
  [97.2, 42.8],
  [97.6, 42.1],
  [98.3, 41.2],
  [99.6, 40.3],
  [100.5, 39.6],
  [101.3, 39.0],
  [102.0, 38.9],
  [102.9, 39.2],
  [103.6, 39.3],
  [104.2, 38.7],
  [104.4, 37.5],
  [105.0, 36.9],
  [105.3, 36.2],
  [105.6, 35.7],
  [106.2, 35.3],
  [106.5, 35.7],
  [106.6, 36.3],
  [106.9, 36.9],
  [107.3, 37.1],
  [108.0, 37.0],
  [108.7, 36.3],
  [108.7, 35.3],
  [107.6, 35.1],
  [106.7, 34.8],
  [106.5, 34.3],
  [106.6, 33.6],
  [105.9, 32.9],
  [105.4, 32.6],
  [104.4, 32.7],
  [103.8, 33.2],
  [103.0, 33.4],
  [102.2, 33.1],
  [101.4, 33.6],
  [100.8, 34.3],
  [101.8, 34.6],
  [102.0, 35.3],
  [102.6, 35.9],
  [102.9, 36.5],
  [102.4, 37.2],
  [101.2, 37.8],
  [100.2, 38.3],
  [99.0, 38.8],
  [98.2, 39.0],
  [97.3, 38.7],
  [96.5, 38.3],
  [95.0, 38.3],
  [94.0, 38.4],
  [93.0, 38.8],
  [92.3, 39.1],
];

/** The province's extent, for a whole-province view. */
export const GANSU_CORNERS = [
  { lat: Math.min(...OUTLINE.map(([, lat]) => lat)), lng: Math.min(...OUTLINE.map(([lng]) => lng)) },
  { lat: Math.max(...OUTLINE.map(([, lat]) => lat)), lng: Math.max(...OUTLINE.map(([lng]) => lng)) },
];

export const GANSU_BASE: FeatureCollection<Geometry, BaseProps> = {
  type: 'FeatureCollection',
  features: [
    feature('province', '甘肃省', 'Gansu', { type: 'Polygon', coordinates: [OUTLINE] }),
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
      [103.35, 36.02],
      [103.52, 36.09],
      [103.63, 36.11],
      [103.72, 36.1],
      [103.78, 36.075],
      [103.82, 36.066],
      [103.86, 36.063],
      [103.9, 36.07],
      [103.95, 36.09],
      [104.02, 36.13],
    ]),
    line('road', '南滨河路', 'Nanbinhe Rd', [
      [103.63, 36.1],
      [103.72, 36.09],
      [103.78, 36.068],
      [103.83, 36.061],
      [103.89, 36.064],
    ]),
    line('road', '北滨河路', 'Beibinhe Rd', [
      [103.7, 36.108],
      [103.76, 36.09],
      [103.82, 36.071],
      [103.88, 36.075],
    ]),
    line('road', '西津路 · 庆阳路 · 东岗路', 'Xijin / Qingyang / Donggang Rd', [
      [103.63, 36.09],
      [103.7, 36.076],
      [103.77, 36.063],
      [103.8, 36.06],
      [103.84, 36.058],
      [103.88, 36.052],
      [103.93, 36.047],
    ]),
    line('road', '天水路', 'Tianshui Rd', [
      [103.858, 36.07],
      [103.857, 36.055],
      [103.856, 36.035],
    ]),
    line('road', '安宁西路', 'Anning West Rd', [
      [103.66, 36.11],
      [103.72, 36.104],
      [103.76, 36.1],
    ]),
    point('district', '城关区', 'Chengguan', 36.05, 103.84),
    point('district', '七里河区', 'Qilihe', 36.062, 103.78),
    point('district', '西固区', 'Xigu', 36.09, 103.63),
    point('district', '安宁区', 'Anning', 36.102, 103.72),
    point('district', '红古区', 'Honggu', 36.34, 102.86),
    point('district', '兰州新区', 'Lanzhou New Area', 36.5, 103.68),
  ],
};
