import L from 'leaflet';
import type { AssetFeature, Geometry, RiskMark } from '../api/types';
import { assetStyle, drawOrder, levelRank, pointRadius, type ShapeKind } from './asset-style';
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
      return { layer: L.polyline(geometry.coordinates.map((l) => l.map(lonLat)), { renderer }), shape: 'line' };
    case 'Polygon':
      return { layer: L.polygon(geometry.coordinates.map((r) => r.map(lonLat)), { renderer }), shape: 'area' };
    case 'MultiPolygon':
      return {
        layer: L.polygon(geometry.coordinates.map((p) => p.map((r) => r.map(lonLat))), { renderer }),
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
  private readonly drawn = new Map<string, Drawn>();
  private marks: ReadonlyMap<string, RiskMark> = new Map();
  private filter: MapFilter | null = null;

  constructor(
    private readonly renderer: L.Renderer,
    private readonly onSelect: (feature: AssetFeature, at: L.LatLng) => void,
  ) {}

  setAssets(features: readonly AssetFeature[]): void {
    this.group.clearLayers();
    this.drawn.clear();
    const made = features.flatMap((feature) => {
      const layer = toLayer(feature.geometry, this.renderer);
      return layer ? [{ feature, ...layer }] : [];
    });
    made.sort((a, b) => drawOrder(a.shape, this.marks.get(a.feature.id)) - drawOrder(b.shape, this.marks.get(b.feature.id)));
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

  private restyle(id: string): void {
    const drawn = this.drawn.get(id);
    if (!drawn) return;
    const mark = this.marks.get(id);
    drawn.layer.setStyle(assetStyle(drawn.shape, mark));
    if (drawn.layer instanceof L.CircleMarker) drawn.layer.setRadius(pointRadius(mark));
  }

  private applyFilter(): void {
    for (const { feature, layer } of this.drawn.values()) {
      const show = this.filter === null || matches(this.filter, feature, this.marks.get(feature.id));
      const shown = this.group.hasLayer(layer);
      if (show && !shown) this.group.addLayer(layer);
      else if (!show && shown) this.group.removeLayer(layer);
    }
  }
}
