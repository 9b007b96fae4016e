import { Injectable, Logger } from '@nestjs/common';
import type { RuleState } from '#domain';
import type { Db } from '#postgres';
import { EngineRepository, type RuleStateRow } from './engine.repository.js';

/** The evaluator state of one (asset, rule) and its recent active↔clear transition times. */
export interface KeyState {
  state: RuleState;
  noise: number[];
}

/** Write-behind period: a restart loses at most this much on/off-delay progress. */
export const FLUSH_INTERVAL_MS = 1000;

/**
 * Rule states in memory, loaded lazily per asset from `rule_states` and written behind: dirty keys are
 * upserted in one statement at most every FLUSH_INTERVAL_MS, and a key whose transition changes an alarm
 * is written inside that alarm's transaction (TransitionApplier). A restart therefore resumes
 * on/off delays where they were (PEERS.md §5.C item 11, "timers survive restarts").
 */
@Injectable()
export class RuleStateStore {
  private readonly logger = new Logger(RuleStateStore.name);
  private readonly byAsset = new Map<string, Map<string, KeyState>>();
  private readonly dirty = new Map<string, Set<string>>();
  private lastFlush = 0;

  constructor(private readonly repo: EngineRepository) {}

  /** Loads the states of assets not yet in memory. */
  async ensure(assetIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(assetIds)].filter((id) => !this.byAsset.has(id));
    if (missing.length === 0) return;
    const rows = await this.repo.ruleStates(missing);
    for (const id of missing) this.byAsset.set(id, new Map());
    for (const row of rows) {
      this.byAsset.get(row.asset_id)?.set(row.rule_id, {
        state: row.state as unknown as RuleState,
        noise: Array.isArray(row.noise) ? row.noise : [],
      });
    }
  }

  get(assetId: string, ruleId: string): KeyState | undefined {
    return this.byAsset.get(assetId)?.get(ruleId);
  }

  /**
   * Replaces a key's state. It is queued for the write-behind only when something a restart must resume
   * changed (alarm level, pending on/off delay, repeat streak, chattering record): the sample window of
   * rate-of-change rules moves with every reading, and persisting it each second would upsert nearly
   * every (asset, rule) row every second. After a restart a rate rule refills its window from new readings.
   */
  set(assetId: string, ruleId: string, value: KeyState): void {
    let states = this.byAsset.get(assetId);
    if (!states) this.byAsset.set(assetId, (states = new Map<string, KeyState>()));
    const previous = states.get(ruleId);
    states.set(ruleId, value);
    if (previous && !resumableChange(previous, value)) return;
    let keys = this.dirty.get(assetId);
    if (!keys) this.dirty.set(assetId, (keys = new Set()));
    keys.add(ruleId);
  }

  /** Writes one key's snapshot in `trx` (an alarm change commits with the state that caused it). */
  async saveInTransaction(trx: Db, assetId: string, ruleId: string, value: KeyState): Promise<void> {
    await this.repo.saveRuleStates([row(assetId, ruleId, value)], trx);
  }

  /** Drops an asset's states (unflushed ones included): they are re-read from PostgreSQL. */
  evict(assetId: string): void {
    this.byAsset.delete(assetId);
    this.dirty.delete(assetId);
  }

  get dirtyCount(): number {
    let n = 0;
    for (const keys of this.dirty.values()) n += keys.size;
    return n;
  }

  /** True when dirty states wait and the write-behind period has passed. */
  flushDue(now: number): boolean {
    return this.dirty.size > 0 && now - this.lastFlush >= FLUSH_INTERVAL_MS;
  }

  /** Flushes when the write-behind period has passed (or `force`); failed rows stay dirty. */
  async flush(now: number, force = false): Promise<void> {
    if (this.dirty.size === 0 || (!force && !this.flushDue(now))) return;
    this.lastFlush = now;
    const taken = [...this.dirty];
    this.dirty.clear();
    const rows: RuleStateRow[] = [];
    for (const [assetId, ruleIds] of taken)
      for (const ruleId of ruleIds) {
        const value = this.get(assetId, ruleId);
        if (value) rows.push(row(assetId, ruleId, value));
      }
    try {
      await this.repo.saveRuleStates(rows);
    } catch (err) {
      for (const [assetId, ruleIds] of taken)
        if (this.byAsset.has(assetId)) for (const id of ruleIds) this.markDirty(assetId, id);
      this.logger.warn({ msg: 'rule state flush failed; retrying', rows: rows.length, err: String(err) });
    }
  }

  private markDirty(assetId: string, ruleId: string): void {
    const keys = this.dirty.get(assetId) ?? new Set<string>();
    keys.add(ruleId);
    this.dirty.set(assetId, keys);
  }
}

/** True when the parts of a state that a restart must resume differ (see `set`). */
export function resumableChange(before: KeyState, after: KeyState): boolean {
  const a = before.state;
  const b = after.state;
  return (
    before.noise !== after.noise ||
    a.conditionLevel !== b.conditionLevel ||
    a.streak !== b.streak ||
    JSON.stringify([a.active, a.pending, a.clearing]) !== JSON.stringify([b.active, b.pending, b.clearing])
  );
}

function row(assetId: string, ruleId: string, value: KeyState): RuleStateRow {
  return {
    asset_id: assetId,
    rule_id: ruleId,
    state: value.state as unknown as Record<string, unknown>,
    noise: value.noise,
  };
}
