import { Injectable } from '@nestjs/common';
import { toAssetContext, type AssetContext } from '../core/asset-context.js';
import { ContextRepository } from '../core/context.repository.js';

/**
 * Asset contexts for the engine, loaded lazily in one query per batch of unknown assets and dropped when
 * the registry says an asset changed (`asset_changed`). An unknown asset is remembered as null until then.
 */
@Injectable()
export class AssetContexts {
  private readonly assets = new Map<string, AssetContext | null>();

  constructor(private readonly repo: ContextRepository) {}

  get(id: string): AssetContext | null | undefined {
    return this.assets.get(id);
  }

  /** Loads the assets of `ids` not yet known. */
  async ensure(ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.assets.has(id));
    if (missing.length === 0) return;
    const rows = await this.repo.assets(missing);
    for (const id of missing) this.assets.set(id, null);
    for (const row of rows) this.assets.set(row.id, toAssetContext(row));
  }

  /** Forgets an asset and every asset below it (their ancestry may have changed with it). */
  evict(id: string): void {
    this.assets.delete(id);
    for (const [key, asset] of this.assets) if (asset?.ancestorIds.includes(id)) this.assets.delete(key);
  }

  clear(): void {
    this.assets.clear();
  }
}
