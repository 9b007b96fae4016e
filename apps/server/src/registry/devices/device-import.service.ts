import { Injectable } from '@nestjs/common';
import type { Db } from '#postgres';
import { AuditService } from '../../audit/audit.service.js';
import type { Principal } from '../../auth/principal.js';
import { randomSecret, sha256Hex } from '../../common/secrets.js';
import { InjectDb } from '../../database/database.module.js';
import type { FieldError } from '../../errors/app.exception.js';
import { AssetsRepository } from '../assets/assets.repository.js';
import { byRow, duplicateIdErrors, validateRow, type ValidatedRow } from '../import/row-validation.js';
import { RegistryException } from '../registry.exception.js';
import { notifyChanged } from '../registry-notify.js';
import { deviceProblems, toDeviceRow } from './device-rules.js';
import type { DeviceImportResultView } from './device-views.js';
import { CreateDeviceDto } from './devices.dto.js';
import { DevicesRepository } from './devices.repository.js';

/**
 * Bulk device import (the seed loader's path for hundreds of devices), all-or-nothing like the asset
 * import: every row is checked first; one transaction upserts them and, on request, issues secrets.
 */
@Injectable()
export class DeviceImportService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly devices: DevicesRepository,
    private readonly assets: AssetsRepository,
    private readonly audit: AuditService,
  ) {}

  async import(body: unknown, issueSecrets: boolean, by: Principal): Promise<DeviceImportResultView> {
    if (!Array.isArray(body))
      throw new RegistryException('IMPORT_MALFORMED', 'expected a JSON array of devices');
    const rows: ValidatedRow<CreateDeviceDto>[] = [];
    const errors: FieldError[] = [];
    body.forEach((item: unknown, i) => {
      const { value, errors: shape } = validateRow(CreateDeviceDto, item, i + 1);
      if (value) rows.push({ row: i + 1, value });
      errors.push(...shape);
    });
    errors.push(...duplicateIdErrors(rows.map((r) => ({ row: r.row, id: r.value.id }))));
    errors.push(...(await this.referenceErrors(rows)));
    if (errors.length > 0) {
      const bad = new Set(errors.map((e) => e.row)).size;
      throw new RegistryException('IMPORT_INVALID', `${bad} row(s) have errors; nothing was imported`, {
        errors: errors.sort(byRow),
      });
    }
    return this.db.transaction().execute((trx) => this.write(rows, issueSecrets, by, trx));
  }

  private async write(
    rows: ValidatedRow<CreateDeviceDto>[],
    issueSecrets: boolean,
    by: Principal,
    trx: Db,
  ): Promise<DeviceImportResultView> {
    const ids = rows.map((r) => r.value.id);
    const counts = await this.devices.upsertMany(
      rows.map((r) => toDeviceRow(r.value)),
      trx,
    );
    const secrets = issueSecrets ? Object.fromEntries(ids.map((id) => [id, randomSecret()])) : undefined;
    if (secrets)
      await this.devices.setSecretHashes(
        ids.map((id) => ({ id, hash: sha256Hex(secrets[id]) })),
        trx,
      );
    await this.audit.recordMany(
      rows.map((r) => ({
        actor: by.actor,
        role: by.role,
        action: 'device.import',
        targetType: 'device',
        targetId: r.value.id,
        detail: { row: r.row, secretIssued: issueSecrets },
      })),
      trx,
    );
    await notifyChanged(trx, 'device_changed', ids);
    return { imported: rows.length, ...counts, ...(secrets ? { secrets } : {}) };
  }

  /** Assets that are missing or of another domain, catalog violations, and domain changes of existing devices. */
  private async referenceErrors(rows: ValidatedRow<CreateDeviceDto>[]): Promise<FieldError[]> {
    const [assets, existing] = await Promise.all([
      this.assets.identities([...new Set(rows.map((r) => r.value.assetId))]),
      this.devices.domains(rows.map((r) => r.value.id)),
    ]);
    return rows.flatMap(({ row, value }) => {
      const problems = deviceProblems(value, assets.get(value.assetId));
      const domain = existing.get(value.id);
      if (domain && domain !== value.domain) {
        problems.push({
          field: 'domain',
          message: `device ${value.id} exists with domain ${domain}; the domain cannot change`,
        });
      }
      return problems.map((p) => ({ row, ...p }));
    });
  }
}
