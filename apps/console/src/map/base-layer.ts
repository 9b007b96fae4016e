import L from 'leaflet';
import type { BaseMap, BaseMapFeature } from '../api/types';

/** Base-map styles by feature kind (seeds/src/district-map.ts kinds; unknown kinds drawn as streets). */
function baseStyle(feature: BaseMapFeature | undefined): L.PathOptions {
  const props = feature?.properties;
  switch (props?.kind ?? 'street') {
    case 'district':
      return { color: '#5fa8ff', weight: 3, fillColor: '#10243a', fillOpacity: 1 };
    case 'subdistrict':
      return { color: '#2c4a6b', weight: 1, dashArray: '6 6', fill: false };
    case 'river':
      return props?.role === 'water'
        ? { color: '#1d4e7a', weight: 0, fillColor: '#17446e', fillOpacity: 0.9 }
        : { color: '#1d4e7a', weight: 0, opacity: 0 };
    case 'poi':
      return { color: '#c8d3df', weight: 1, fillColor: '#c8d3df', fillOpacity: 0.9 };
    default:
      return props?.class === 'arterial'
        ? { color: '#3f5f82', weight: 4, opacity: 0.9 }
        : { color: '#2d4866', weight: 2, opacity: 0.9 };
  }
}

/**
 * The offline base map from `GET /map/district`: district outline, street offices, streets, the river
 * and crowded places, drawn on their own canvas under the assets, with street-office and arterial-road
 * names as labels. Needs no tile server.
 */
export function baseLayer(map: BaseMap, renderer: L.Renderer): L.GeoJSON {
  // Vector layers take their options from the GeoJSON options, so the renderer given here is theirs.
  const options: L.GeoJSONOptions & { renderer: L.Renderer } = {
    renderer,
    style: (feature) => baseStyle(feature as BaseMapFeature | undefined),
    interactive: false,
    pointToLayer: (_, latlng) => L.circleMarker(latlng, { radius: 3, renderer }),
    onEachFeature: (feature, layer) => {
      const props = (feature as BaseMapFeature).properties;
      if (!props?.name || !(layer instanceof L.Path)) return;
      const arterial = props.kind === 'street' && props.class === 'arterial';
      if (arterial || props.kind === 'subdistrict')
        layer.bindTooltip(props.name, {
          permanent: true,
          direction: 'center',
          className: `map-label ${props.kind}`,
        });
    },
  };
  return L.geoJSON(map, options);
}
