import { Injectable } from '@nestjs/common';
import type { Db } from '#postgres';
import { AuditService } from '../../audit/audit.service.js';
import { ownerScope, type Principal } from '../../auth/principal.js';
import { randomSecret, sha256Hex } from '../../common/secrets.js';
import { InjectDb } from '../../database/database.module.js';
import type { FieldError } from '../../errors/app.exception.js';
import { AssetsRepository } from '../assets/assets.repository.js';
import { nextCursor, toPage } from '../pagination.js';
import { RegistryException } from '../registry.exception.js';
import { notifyChanged } from '../registry-notify.js';
import { deviceProblems, toDeviceRow } from './device-rules.js';
import {
  toDeviceView,
  type DevicePage,
  type DeviceRecord,
  type DeviceSecretView,
  type DeviceView,
} from './device-views.js';
import type { CreateDeviceDto, DeviceListQueryDto, PatchDeviceDto } from './devices.dto.js';
import { DevicesRepository } from './devices.repository.js';

/** Device registry; every write notifies `device_changed` in its transaction so the ingest's cache follows. */
@Injectable()
export class DevicesService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly devices: DevicesRepository,
    private readonly assets: AssetsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(q: DeviceListQueryDto, p: Principal): Promise<DevicePage> {
    const scope = ownerScope(p);
    const page = toPage(q);
    const forbidden = scope !== undefined && q.ownerUnitId !== undefined && q.ownerUnitId !== scope;
    const rows = forbidden
      ? []
      : await this.devices.list({ ...q, ownerUnitId: scope ?? q.ownerUnitId }, page);
    const items = rows.map(toDeviceView);
    return { items, nextCursor: nextCursor(items, page.limit) };
  }

  async get(id: string, p: Principal): Promise<DeviceView> {
    return toDeviceView(await this.findVisible(id, p));
  }

  async create(input: CreateDeviceDto, by: Principal): Promise<DeviceView> {
    await this.db.transaction().execute(async (trx) => {
      const asset = (await this.assets.identities([input.assetId], trx)).get(input.assetId);
      assertValid(deviceProblems(input, asset));
      if (!(await this.devices.insert(toDeviceRow(input), trx))) {
        throw new RegistryException('DEVICE_ALREADY_EXISTS', `device ${input.id} already exists`);
      }
      await this.audit.record(
        {
          actor: by.actor,
          role: by.role,
          action: 'device.create',
          targetType: 'device',
          targetId: input.id,
          detail: { ...input },
        },
        trx,
      );
      await notifyChanged(trx, 'device_changed', [input.id]);
    });
    return this.get(input.id, by);
  }

  /** Re-checks the whole resulting profile, so e.g. dropping a metric that still has a range is refused. */
  async update(id: string, patch: PatchDeviceDto, by: Principal): Promise<DeviceView> {
    await this.db.transaction().execute(async (trx) => {
      const current = await this.findVisible(id, by, trx, true);
      const next = {
        domain: current.domain as CreateDeviceDto['domain'],
        assetId: patch.assetId ?? current.asset_id,
        metrics: patch.metrics ?? current.metrics,
        reportIntervalS: patch.reportIntervalS ?? current.report_interval_s,
        ranges: patch.ranges ?? current.ranges,
      };
      const asset = (await this.assets.identities([next.assetId], trx)).get(next.assetId);
      assertValid(deviceProblems(next, asset));
      await this.devices.update(
        id,
        {
          asset_id: patch.assetId,
          metrics: patch.metrics,
          report_interval_s: patch.reportIntervalS,
          name: patch.name,
          ranges: patch.ranges ? JSON.stringify(patch.ranges) : undefined,
          enabled: patch.enabled,
        },
        trx,
      );
      await this.audit.record(
        {
          actor: by.actor,
          role: by.role,
          action: 'device.update',
          targetType: 'device',
          targetId: id,
          detail: { ...patch },
        },
        trx,
      );
      await notifyChanged(trx, 'device_changed', [id]);
    });
    return this.get(id, by);
  }

  /** Issues or rotates the MQTT secret; the old one stops working when this commits. */
  async issueSecret(id: string, by: Principal): Promise<DeviceSecretView> {
    const secret = randomSecret();
    await this.db.transaction().execute(async (trx) => {
      const current = await this.findVisible(id, by, trx, true);
      await this.devices.setSecretHashes([{ id, hash: sha256Hex(secret) }], trx);
      const detail = { rotated: current.has_secret };
      await this.audit.record(
        {
          actor: by.actor,
          role: by.role,
          action: 'device.secret_issue',
          targetType: 'device',
          targetId: id,
          detail,
        },
        trx,
      );
      await notifyChanged(trx, 'device_changed', [id]);
    });
    return { deviceId: id, secret };
  }

  /** 404 for a missing device and, alike, for one outside a utility token's unit. */
  private async findVisible(id: string, p: Principal, db: Db = this.db, lock = false): Promise<DeviceRecord> {
    const row = await this.devices.findById(id, db, lock);
    const scope = ownerScope(p);
    if (!row || (scope !== undefined && row.owner_unit_id !== scope))
      throw new RegistryException('DEVICE_NOT_FOUND', `no device ${id}`);
    return row;
  }
}

function assertValid(errors: FieldError[]): void {
  if (errors.length > 0)
    throw new RegistryException('DEVICE_INVALID', errors.map((e) => e.message).join('; '), { errors });
}
