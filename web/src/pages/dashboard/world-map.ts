/**
 * The world map of cross-border flows: Natural Earth's 1:110m countries (world-atlas, bundled:
 * no request leaves the service) as GeoJSON for ECharts, and a point for each place a route names.
 * Loaded with the map panel only.
 */
import { LinesChart, ScatterChart } from 'echarts/charts';
import { GeoComponent } from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import codes from 'i18n-iso-countries/codes.json';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import type { ECharts } from './chart-panel';

export const WORLD_MAP = 'world';

/** ISO 3166-1 numeric (world-atlas' ids) → alpha-3 (the service's country codes). */
const ALPHA3_OF_NUMERIC = new Map(codes.map(([, alpha3, numeric]) => [numeric, alpha3]));

/**
 * Points for Pakistan's provinces and regions (near the centre of each), and for the countries
 * too small for a 1:110m map.
 */
const FIXED_POINTS: Record<string, [number, number]> = {
  'PK-PB': [72.7, 31.2],
  'PK-SD': [68.8, 26.0],
  'PK-KP': [71.8, 34.4],
  'PK-BA': [65.6, 28.5],
  'PK-IS': [73.05, 33.7],
  'PK-JK': [73.8, 34.2],
  'PK-GB': [74.9, 35.9],
  BHR: [50.56, 26.07],
  SGP: [103.82, 1.35],
  MDV: [73.5, 3.2],
  MLT: [14.4, 35.9],
  HKG: [114.17, 22.3],
  MUS: [57.55, -20.25],
  BRN: [114.73, 4.54],
};

let geometry: {
  countries: FeatureCollection<Geometry, { name: string }>;
  points: Map<string, [number, number]>;
} | null = null;

/** Twice the signed area and the centroid of a ring (planar, in degrees: enough to place a point). */
function ringCentroid(ring: Position[]): { area: number; at: [number, number] } {
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    area += cross;
    x += (ring[j][0] + ring[i][0]) * cross;
    y += (ring[j][1] + ring[i][1]) * cross;
  }
  return area === 0 ? { area: 0, at: [ring[0][0], ring[0][1]] } : { area, at: [x / (3 * area), y / (3 * area)] };
}

/** A country's point: the centroid of its largest polygon (mainland France, not French Guiana). */
function countryPoint(g: Geometry): [number, number] | null {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  let best: { area: number; at: [number, number] } | null = null;
  for (const polygon of polygons) {
    const c = ringCentroid(polygon[0]);
    if (!best || Math.abs(c.area) > Math.abs(best.area)) best = c;
  }
  return best?.at ?? null;
}

function load() {
  if (geometry) return geometry;
  const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const countries = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  const points = new Map<string, [number, number]>(Object.entries(FIXED_POINTS));
  for (const f of countries.features) {
    const alpha3 = f.id === undefined ? undefined : ALPHA3_OF_NUMERIC.get(String(f.id));
    const at = countryPoint(f.geometry);
    if (alpha3 && at && !points.has(alpha3)) points.set(alpha3, at);
  }
  geometry = { countries, points };
  return geometry;
}

/** Adds the map's parts to ECharts and registers the world's countries. */
export function registerWorld(echarts: ECharts): void {
  echarts.use([GeoComponent, LinesChart, ScatterChart, LabelLayout]);
  // ECharts' GeoJSON type is its own; Natural Earth's features are plain GeoJSON
  echarts.registerMap(WORLD_MAP, load().countries as unknown as Parameters<ECharts['registerMap']>[1]);
}

/** Where a place of a route is drawn (a country, or a province of Pakistan), if it can be. */
export function placePoint(code: string): [number, number] | undefined {
  return load().points.get(code);
}
