import { Injectable } from '@nestjs/common';
import type { RiskState } from '#domain';
import type { Db } from '#postgres';
import { assessAsset, inputsFor, type AssetAssessment } from './risk-assessor.js';
import { RiskInputsRepository } from './risk-inputs.repository.js';
import { RiskSettings } from './risk.settings.js';

const DAY_MS = 86_400_000;

/** Loads the inputs of a set of assets and runs the pure model on each (no writes). */
@Injectable()
export class AssetAssessments {
  constructor(
    private readonly inputs: RiskInputsRepository,
    private readonly settings: RiskSettings,
  ) {}

  /** Every asset id, in id order. */
  allAssetIds(): Promise<string[]> {
    return this.inputs.allAssetIds();
  }

  /** Assessments of those of `ids` that exist, given their stored states (null = never assessed). */
  async assess(
    db: Db,
    ids: readonly string[],
    current: ReadonlyMap<string, { state: RiskState }>,
    now: number,
  ): Promise<AssetAssessment[]> {
    const { confinedSpaceKinds, transition } = this.settings;
    const set = await this.inputs.load(
      ids,
      confinedSpaceKinds,
      {
        now,
        // ≥ 3 confirmed yellows in 30 days (DOMAIN.md §b.2) and the hysteresis evidence of the quiet period.
        raisedSince: now - 30 * DAY_MS,
        closedSince: now - transition.quietPeriodMs,
      },
      db,
    );
    const out: AssetAssessment[] = [];
    for (const id of ids) {
      const inputs = inputsFor(set, id);
      if (inputs) out.push(assessAsset(inputs, current.get(id)?.state ?? null, now, this.settings));
    }
    return out;
  }
}
