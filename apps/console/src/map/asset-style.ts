import type { PathOptions } from 'leaflet';
import type { RiskLevel } from '#contracts';
import type { RiskMark } from '../api/types';
import { LEVEL_COLOURS, UNGRADED_COLOUR } from '../ui/levels';

export type ShapeKind = 'point' | 'line' | 'area';

const LINE_WEIGHT: Readonly<Record<RiskLevel, number>> = { major: 6, larger: 5, general: 4, low: 3 };

/**
 * How an asset is drawn in its level's colour: points filled, lines stroked, areas (DMA zones) outlined
 * over a faint fill so they never hide what lies inside them. An unverified level (stale data) keeps its
 * colour but is dashed with a grey outline and a faded fill; an asset not graded yet is grey.
 */
export function assetStyle(shape: ShapeKind, mark: RiskMark | undefined): PathOptions {
  const colour = mark ? LEVEL_COLOURS[mark.level] : UNGRADED_COLOUR;
  const unverified = mark !== undefined && !mark.verified;
  const dashArray = unverified ? '5 5' : undefined;
  switch (shape) {
    case 'line':
      return {
        color: colour,
        weight: mark ? LINE_WEIGHT[mark.level] : 3,
        opacity: unverified ? 0.75 : 0.95,
        dashArray,
        fill: false,
      };
    case 'area':
      return {
        color: colour,
        weight: 2,
        opacity: 0.8,
        dashArray: unverified ? '5 5' : '2 6',
        fillColor: colour,
        fillOpacity: 0.07,
      };
    case 'point':
      return {
        color: unverified ? UNGRADED_COLOUR : '#0b1a2b',
        weight: unverified ? 2.5 : 1.5,
        dashArray,
        fillColor: colour,
        fillOpacity: unverified ? 0.35 : 0.9,
      };
  }
}

const POINT_RADIUS: Readonly<Record<RiskLevel, number>> = { major: 9, larger: 7, general: 6, low: 5 };

/** Point radius in pixels: larger for higher levels so red stands out on a crowded map. */
export function pointRadius(mark: RiskMark | undefined): number {
  return mark ? POINT_RADIUS[mark.level] : 5;
}

const SHAPE_ORDER: Readonly<Record<ShapeKind, number>> = { area: 0, line: 1, point: 2 };

/** Draw order (canvas paints in insertion order): areas under lines under points, higher levels on top. */
export function drawOrder(shape: ShapeKind, mark: RiskMark | undefined): number {
  return SHAPE_ORDER[shape] * 10 + levelRank(mark);
}

export function levelRank(mark: RiskMark | undefined): number {
  return mark ? 4 - (['major', 'larger', 'general', 'low'] as const).indexOf(mark.level) : 0;
}
