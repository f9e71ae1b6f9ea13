import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { Feature, FeatureCollection } from 'geojson';

/**
 * A Leaflet map that needs no internet: region boundaries from the API (when it has them) and
 * circles drawn by the caller; tiles only when a tile server is configured, as on the board.
 */
export function createOfficerMap(element: HTMLElement): L.Map {
  const tiles = (window as { __LINGGONG_TILE_URL__?: string }).__LINGGONG_TILE_URL__;
  // No animations: a tab switch can remove the map while a fit to a late boundary would still be animating.
  const map = L.map(element, {
    zoomSnap: 0.25,
    attributionControl: Boolean(tiles),
    scrollWheelZoom: false,
    zoomAnimation: false,
    fadeAnimation: false,
    markerZoomAnimation: false,
  });
  if (tiles) L.tileLayer(tiles, { maxZoom: 18 }).addTo(map);
  map.setView([36.06, 103.83], 6);
  return map;
}

export function boundaryLayer(shape: FeatureCollection | Feature): L.GeoJSON {
  return L.geoJSON(shape, {
    interactive: false,
    style: { color: '#5b7fa3', weight: 2, fillColor: '#e8eef5', fillOpacity: 0.6 },
  });
}

/** A circle whose area grows with `size` (at least `min` pixels across). */
export function sizedCircle(at: L.LatLngExpression, size: number, color: string, min = 6): L.CircleMarker {
  return L.circleMarker(at, {
    radius: Math.max(min, Math.min(28, 4 + Math.sqrt(Math.max(0, size)) * 2)),
    color,
    weight: 2,
    fillColor: color,
    fillOpacity: 0.55,
  });
}

export function fitTo(map: L.Map, layers: L.Layer[]): void {
  const group = L.featureGroup(layers);
  const bounds = group.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 12, animate: false });
}

export { L };
