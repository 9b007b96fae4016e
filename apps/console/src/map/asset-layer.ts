import L from 'leaflet';
import type { RiskLevel } from '#contracts';
import type { AssetFeature, Geometry, RiskMark } from '../api/types';
import { assetStyle, drawOrder, levelRank, pointRadius, type ShapeKind } from './asset-style';
import { MajorHalos } from './major-halos';
import { matches, type MapFilter } from './map-filter';

interface Drawn {
  feature: AssetFeature;
  layer: L.Path;
  shape: ShapeKind;
}

const lonLat = (c: number[]): L.LatLngTuple => [c[1], c[0]];

function toLayer(geometry: Geometry, renderer: L.Renderer): { layer: L.Path; shape: ShapeKind } | null {
  switch (geometry.type) {
    case 'Point':
      return { layer: L.circleMarker(lonLat(geometry.coordinates), { renderer }), shape: 'point' };
    case 'LineString':
      return { layer: L.polyline(geometry.coordinates.map(lonLat), { renderer }), shape: 'line' };
    case 'MultiLineString':
      return {
        layer: L.polyline(
          geometry.coordinates.map((l) => l.map(lonLat)),
          { renderer },
        ),
        shape: 'line',
      };
    case 'Polygon':
      return {
        layer: L.polygon(
          geometry.coordinates.map((r) => r.map(lonLat)),
          { renderer },
        ),
        shape: 'area',
      };
    case 'MultiPolygon':
      return {
        layer: L.polygon(
          geometry.coordinates.map((p) => p.map((r) => r.map(lonLat))),
          { renderer },
        ),
        shape: 'area',
      };
    default:
      return null;
  }
}

/**
 * Every asset at its geometry on one shared canvas (Leaflet `preferCanvas`: 10,000 paths stay fluid where
 * 10,000 SVG nodes would not), coloured by its current level. Level changes restyle one path; filters add
 * and remove paths without rebuilding them.
 */
export class AssetLayer {
  readonly group = L.featureGroup();
  readonly halos: MajorHalos;
  private readonly drawn = new Map<string, Drawn>();
  private marks: ReadonlyMap<string, RiskMark> = new Map();
  private filter: MapFilter | null = null;

  constructor(
    private readonly renderer: L.Renderer,
    private readonly onSelect: (feature: AssetFeature, at: L.LatLng) => void,
  ) {
    this.halos = new MajorHalos(renderer);
  }

  setAssets(features: readonly AssetFeature[]): void {
    this.group.clearLayers();
    this.halos.clear();
    this.drawn.clear();
    const made = features.flatMap((feature) => {
      const layer = toLayer(feature.geometry, this.renderer);
      return layer ? [{ feature, ...layer }] : [];
    });
    made.sort(
      (a, b) =>
        drawOrder(a.shape, this.marks.get(a.feature.id)) - drawOrder(b.shape, this.marks.get(b.feature.id)),
    );
    for (const drawn of made) {
      drawn.layer.on('click', (event: L.LeafletMouseEvent) => this.onSelect(drawn.feature, event.latlng));
      this.drawn.set(drawn.feature.id, drawn);
      this.restyle(drawn.feature.id);
    }
    this.applyFilter();
  }

  /** New grades: only paths whose mark changed are restyled; upgraded ones are raised above the rest. */
  setMarks(marks: ReadonlyMap<string, RiskMark>): void {
    const previous = this.marks;
    this.marks = marks;
    for (const id of this.drawn.keys()) {
      const before = previous.get(id);
      const after = marks.get(id);
      if (before?.level === after?.level && before?.verified === after?.verified) continue;
      this.restyle(id);
      const drawn = this.drawn.get(id)!;
      if (drawn.shape !== 'area' && levelRank(after) > levelRank(before) && this.group.hasLayer(drawn.layer))
        drawn.layer.bringToFront();
    }
  }

  setFilter(filter: MapFilter): void {
    this.filter = filter;
    this.applyFilter();
  }

  /** Assets drawn after filtering. */
  visibleCount(): number {
    return this.group.getLayers().length;
  }

  totalCount(): number {
    return this.drawn.size;
  }

  mark(id: string): RiskMark | undefined {
    return this.marks.get(id);
  }

  /** Where an asset is drawn (its point, or its line's or area's bounds), if it is. */
  locate(id: string): { feature: AssetFeature; bounds: L.LatLngBounds } | undefined {
    const drawn = this.drawn.get(id);
    if (!drawn) return undefined;
    const { layer } = drawn;
    const bounds =
      layer instanceof L.CircleMarker
        ? L.latLngBounds([layer.getLatLng()])
        : (layer as L.Polyline).getBounds();
    return { feature: drawn.feature, bounds };
  }

  /** Counts of the shown (filtered) assets per level ('none' = not graded). */
  levelCounts(): Record<RiskLevel | 'none', number> {
    const counts = { major: 0, larger: 0, general: 0, low: 0, none: 0 };
    for (const [id, { layer }] of this.drawn)
      if (this.group.hasLayer(layer)) counts[this.marks.get(id)?.level ?? 'none']++;
    return counts;
  }

  private restyle(id: string): void {
    const drawn = this.drawn.get(id);
    if (!drawn) return;
    const mark = this.marks.get(id);
    drawn.layer.setStyle(assetStyle(drawn.shape, mark));
    if (drawn.layer instanceof L.CircleMarker) drawn.layer.setRadius(pointRadius(mark));
    this.halos.sync(id, drawn.layer, mark, this.group.hasLayer(drawn.layer));
  }

  private applyFilter(): void {
    for (const { feature, layer } of this.drawn.values()) {
      const mark = this.marks.get(feature.id);
      const show = this.filter === null || matches(this.filter, feature, mark);
      const shown = this.group.hasLayer(layer);
      if (show === shown) continue;
      if (show) this.group.addLayer(layer);
      else this.group.removeLayer(layer);
      this.halos.sync(feature.id, layer, mark, show);
    }
  }
}
