import { Injectable } from '@nestjs/common';
import { AssetContexts } from './asset-contexts.js';
import { Corroboration } from './corroboration.js';
import type { QueuedReading } from './engine-queue.js';
import { RuleSets } from './rule-sets.js';
import { RuleStateStore } from './rule-state.store.js';

/**
 * Everything the engine keeps in memory, loaded before a batch is evaluated so evaluation itself is
 * synchronous: at most one query per cache for the batch's cold assets, none once warm.
 */
@Injectable()
export class EngineCaches {
  constructor(
    readonly assets: AssetContexts,
    readonly ruleSets: RuleSets,
    readonly states: RuleStateStore,
    readonly corroboration: Corroboration,
  ) {}

  async ensure(batch: ReadonlyMap<string, readonly QueuedReading[]>): Promise<void> {
    const assetIds = [...batch.keys()];
    const pairs = new Map<string, { deviceId: string; assetId: string }>();
    for (const items of batch.values())
      for (const { reading } of items)
        pairs.set(`${reading.deviceId}|${reading.assetId}`, {
          deviceId: reading.deviceId,
          assetId: reading.assetId,
        });
    await Promise.all([
      this.assets.ensure(assetIds),
      this.ruleSets.ensure(pairs.values()),
      this.states.ensure(assetIds),
    ]);
  }

  /** The registry changed an asset: its context, ancestry and census-dependent rule sets are re-read. */
  assetChanged(assetId: string): void {
    this.assets.evict(assetId);
    this.ruleSets.evictAsset(assetId);
  }

  /** An alarm change of the asset failed: its in-memory states are re-read from PostgreSQL. */
  dropStates(assetId: string): void {
    this.states.evict(assetId);
  }

  /** After a lost notification connection: everything but the rule states may be stale. */
  resync(): void {
    this.assets.clear();
    this.ruleSets.refreshAll();
  }
}
