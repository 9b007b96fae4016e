import L from 'leaflet';
import type { RiskMark } from '../api/types';
import { LEVEL_COLOURS } from '../ui/levels';

/**
 * A red halo around every major (重大) asset shown, so the few red assets stand out among hundreds of
 * orange and yellow ones on a wall screen: a ring around a point, a wide translucent band along a line
 * or an area's outline. Drawn on the assets' canvas, not clickable.
 */
export class MajorHalos {
  readonly group = L.layerGroup();
  private readonly halos = new Map<string, L.Path>();

  constructor(private readonly renderer: L.Renderer) {}

  /** Shows or hides the halo of one asset after its grade or its visibility changed. */
  sync(id: string, layer: L.Path, mark: RiskMark | undefined, shown: boolean): void {
    const want = shown && mark?.level === 'major';
    const halo = this.halos.get(id);
    if (want && !halo) {
      const made = this.haloOf(layer);
      this.halos.set(id, made);
      this.group.addLayer(made);
    } else if (!want && halo) {
      this.group.removeLayer(halo);
      this.halos.delete(id);
    }
  }

  clear(): void {
    this.group.clearLayers();
    this.halos.clear();
  }

  private haloOf(layer: L.Path): L.Path {
    const options = { renderer: this.renderer, interactive: false, color: LEVEL_COLOURS.major };
    if (layer instanceof L.CircleMarker)
      return L.circleMarker(layer.getLatLng(), {
        ...options,
        radius: 17,
        weight: 3,
        opacity: 0.75,
        fill: false,
      });
    return L.polyline((layer as L.Polyline).getLatLngs() as L.LatLng[], {
      ...options,
      weight: 16,
      opacity: 0.3,
    });
  }
}
