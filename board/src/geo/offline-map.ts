import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { LatLng } from '@linggong/protocol';
import { GANSU_BASE, GANSU_CORNERS, type BaseProps } from './gansu-base.ts';

declare global {
  interface Window {
    __LINGGONG_TILE_ATTRIBUTION__?: string;
  }
}

/** Zoom from which Lanzhou's districts are named (below it they would crowd the city's name). */
const DISTRICT_LABEL_ZOOM = 10;

const LINE_STYLE: Record<BaseProps['kind'], L.PathOptions> = {
  province: { color: '#5b7fa3', weight: 2, fillColor: '#16283a', fillOpacity: 1 },
  cityline: { color: '#4a6d8f', weight: 1.5, fill: false, opacity: 0.9 },
  countyline: { color: '#2b4560', weight: 1, fill: false, opacity: 0.8, dashArray: '3 4' },
  river: { color: '#2f7fd1', weight: 5, opacity: 0.9 },
  road: { color: '#55606b', weight: 3, opacity: 0.9 },
  city: {},
  district: {},
};

/**
 * A still (non-interactive) Leaflet map that needs no internet: the bundled Gansu base
 * layer, and tiles only when a tile server is configured (`?tiles=` or window.__LINGGONG_TILE_URL__).
 */
export function createOfflineMap(element: HTMLElement, tileUrl: string | null): L.Map {
  const map = L.map(element, {
    zoomControl: false,
    attributionControl: Boolean(tileUrl),
    dragging: false,
    touchZoom: false,
    scrollWheelZoom: false,
    doubleClickZoom: false,
    boxZoom: false,
    keyboard: false,
    zoomSnap: 0.25,
    fadeAnimation: false,
    zoomAnimation: false,
    markerZoomAnimation: false,
  });
  map.attributionControl?.setPrefix(false);
  if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 18, attribution: window.__LINGGONG_TILE_ATTRIBUTION__ ?? '' }).addTo(map);

  L.geoJSON(GANSU_BASE, {
    interactive: false,
    style: (feature) => {
      const kind = (feature?.properties as BaseProps | undefined)?.kind ?? 'road';
      // Over real tiles the province is an outline only. The class names the layer for the browser test.
      const style = tileUrl && kind === 'province' ? { ...LINE_STYLE[kind], fillOpacity: 0 } : LINE_STYLE[kind];
      return { ...scaled(style), className: `base-${kind}` };
    },
    pointToLayer: ({ properties }, at) =>
      L.circleMarker(at, {
        radius: properties.kind === 'city' ? px(5) : 0,
        stroke: properties.kind === 'city',
        color: '#9fb3c8',
        weight: 1,
        fillColor: '#9fb3c8',
        fillOpacity: 1,
        interactive: false,
      }).bindTooltip(properties.name, {
        permanent: true,
        direction: properties.kind === 'city' ? 'right' : 'center',
        className: `map-label map-label--${properties.kind}`,
      }),
  }).addTo(map);

  const showDistricts = () => element.classList.toggle('map--districts', map.getZoom() >= DISTRICT_LABEL_ZOOM);
  map.on('zoomend', showDistricts);
  map.setView([36.06, 103.83], 6);
  showDistricts();
  return map;
}

/** The base layer's line widths, scaled like everything else. */
function scaled(style: L.PathOptions): L.PathOptions {
  return style.weight ? { ...style, weight: px(style.weight) } : style;
}

/** Leaflet draws in CSS pixels; scale marker sizes with the type so a 4K board looks like a 1080p one. */
export const px = (n: number): number =>
  n * ((parseFloat(getComputedStyle(document.documentElement).fontSize) || 20) / 20);

export const toLatLng = (at: LatLng): L.LatLngExpression => [at.lat, at.lng];

/** Frame all the given places, close enough to tell streets apart when they are near each other. */
export function frame(map: L.Map, places: LatLng[], maxZoom = 14): void {
  if (places.length === 0) return;
  map.invalidateSize();
  map.fitBounds(L.latLngBounds(places.map(toLatLng)), { padding: [px(28), px(28)], maxZoom, animate: false });
}

/** Whether every place is already in view (so the map need not move). */
export function inView(map: L.Map, places: LatLng[]): boolean {
  const bounds = map.getBounds().pad(-0.05);
  return places.every((p) => bounds.contains(toLatLng(p)));
}

export { L, GANSU_CORNERS };
