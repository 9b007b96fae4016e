import { Injectable } from '@nestjs/common';
import { ownerScope, type Principal } from '../../auth/principal.js';
import { AppException } from '../../errors/app.exception.js';
import type { DeviceRejectionsView } from './rejections.dto.js';
import { RejectionsRepository } from './rejections.repository.js';

const DEFAULT_LIMIT = 50;

/** GET /devices/{id}/rejections (CONTRACT.md §3): totals by code and the recent list. */
@Injectable()
export class RejectionsService {
  constructor(private readonly repo: RejectionsRepository) {}

  async forDevice(
    deviceId: string,
    limit: number | undefined,
    principal: Principal,
  ): Promise<DeviceRejectionsView> {
    const owner = await this.repo.ownerOf(deviceId);
    const scope = ownerScope(principal);
    // A utility sees only its own unit's devices; another unit's device looks like no device at all.
    if (!owner || (scope !== undefined && owner.ownerUnitId !== scope)) {
      throw new AppException('DEVICE_NOT_FOUND', `device ${deviceId} not found`);
    }
    const [counts, rows] = await Promise.all([
      this.repo.counts(deviceId),
      this.repo.recent(deviceId, limit ?? DEFAULT_LIMIT),
    ]);
    const recent = rows.map((r) => ({
      receivedAt: r.received_at.toISOString(),
      code: r.code,
      message: r.message,
      topic: r.topic,
      seq: r.seq,
    }));
    return { deviceId, counts, recent };
  }
}
