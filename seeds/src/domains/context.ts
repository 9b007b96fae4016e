import type { IdAllocator } from '../asset-factory.js';
import type { StreetEdge } from '../district.js';
import type { Prng } from '../prng.js';

/** What every domain builder of the sample city receives. */
export interface SampleContext {
  /** This domain's own PRNG stream (see `Prng.fork`). */
  prng: Prng;
  assetIds: IdAllocator;
  deviceIds: IdAllocator;
  edges: readonly StreetEdge[];
}

/** `count` distinct edges, chosen reproducibly, optionally only those passing `keep`. */
export function chooseEdges(
  ctx: SampleContext,
  count: number,
  keep: (e: StreetEdge) => boolean = () => true,
): StreetEdge[] {
  return ctx.prng.shuffled(ctx.edges.filter(keep)).slice(0, count);
}

/** "纬一路（经一路–经二路）": where a block-long asset lies. */
export const edgeLabel = (e: StreetEdge): string => `${e.street}（${e.between[0]}–${e.between[1]}）`;
