import { Injectable } from '@nestjs/common';
import type { Db } from '#postgres';
import { AuditRepository, type AuditFilter, type AuditRow } from './audit.repository.js';

/** One "who did what to which thing, and why" record (ARCHITECTURE.md rule 6). */
export interface AuditEntry {
  actor: string;
  role: string;
  /** Dotted verb, e.g. `asset.create`, `device.secret_issue`, `alarm.acknowledge`. */
  action: string;
  targetType: string;
  targetId: string;
  reason?: string;
  /** What changed; never secrets. */
  detail: Record<string, unknown>;
}

/**
 * Writes the audit log. Pass the transaction (`trx`) of the change being audited so the record commits
 * or rolls back with it.
 */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async record(entry: AuditEntry, trx?: Db): Promise<void> {
    await this.recordMany([entry], trx);
  }

  async recordMany(entries: AuditEntry[], trx?: Db): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((e) => ({
      actor: e.actor,
      role: e.role,
      action: e.action,
      target_type: e.targetType,
      target_id: e.targetId,
      reason: e.reason ?? null,
      detail: JSON.stringify(e.detail),
    }));
    await this.audit.insert(rows, trx);
  }

  async find(filter: AuditFilter): Promise<AuditRow[]> {
    return this.audit.find(filter);
  }
}
