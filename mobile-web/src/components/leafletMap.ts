import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { LatLng } from '@linggong/protocol';

const tileUrl = import.meta.env.VITE_MAP_TILE_URL;

export interface MapPoint {
  at: LatLng;
  label: string;
  kind: 'work' | 'me';
}

/**
 * A small, still map: the place of work and, when known, the worker. It works
 * with no internet (no tiles unless a tile server is configured, no marker PNGs).
 */
export function drawMiniMap(el: HTMLElement, points: MapPoint[]): L.Map {
  const map = L.map(el, {
    zoomControl: false,
    attributionControl: Boolean(tileUrl),
    dragging: false,
    touchZoom: false,
    scrollWheelZoom: false,
    doubleClickZoom: false,
    boxZoom: false,
    keyboard: false,
  });
  if (tileUrl) {
    L.tileLayer(tileUrl, { maxZoom: 18, attribution: import.meta.env.VITE_MAP_TILE_ATTRIBUTION ?? '' }).addTo(map);
  }
  L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);

  const latLngs = points.map((p) => L.latLng(p.at.lat, p.at.lng));
  if (latLngs.length === 2) {
    L.polyline(latLngs, { color: '#555', weight: 3, dashArray: '6 8', interactive: false }).addTo(map);
  }
  // Labels point away from each other: the northern point's above it, the other's below,
  // so two points close together (or one due north of the other) never cover each other.
  const northmost = Math.max(...points.map((p) => p.at.lat));
  const sameLat = points.every((p) => p.at.lat === northmost);
  for (const point of points) {
    const work = point.kind === 'work';
    const above = sameLat ? work : point.at.lat === northmost;
    L.circleMarker([point.at.lat, point.at.lng], {
      radius: work ? 12 : 9,
      color: '#ffffff',
      weight: 3,
      fillColor: work ? '#c2410c' : '#1d4ed8',
      fillOpacity: 1,
      interactive: false,
    })
      .bindTooltip(point.label, { permanent: true, direction: above ? 'top' : 'bottom', offset: [0, (work ? 12 : 9) * (above ? -1 : 1)] })
      .addTo(map);
  }
  // Padding leaves room for a label above the northern point and one below the other.
  if (latLngs.length > 1) map.fitBounds(L.latLngBounds(latLngs), { padding: [36, 52], maxZoom: 16 });
  else if (latLngs.length === 1) map.setView(latLngs[0], 14);
  return map;
}
