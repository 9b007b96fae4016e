import { Injectable } from '@nestjs/common';
import type { Db } from '#postgres';
import { AuditService } from '../../audit/audit.service.js';
import { ownerScope, type Principal } from '../../auth/principal.js';
import { InjectDb } from '../../database/database.module.js';
import { RegistryException } from '../registry.exception.js';
import { toOwnerUnitView, type CreateOwnerUnitDto, type OwnerUnitView } from './owner-units.dto.js';
import { OwnerUnitsRepository } from './owner-units.repository.js';

@Injectable()
export class OwnerUnitsService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly units: OwnerUnitsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal): Promise<OwnerUnitView[]> {
    return (await this.units.list(ownerScope(principal))).map(toOwnerUnitView);
  }

  async get(id: string, principal: Principal): Promise<OwnerUnitView> {
    const scope = ownerScope(principal);
    const row = scope === undefined || scope === id ? await this.units.findById(id) : undefined;
    if (!row) throw new RegistryException('OWNER_UNIT_NOT_FOUND', `no owner unit ${id}`);
    return toOwnerUnitView(row);
  }

  async create(input: CreateOwnerUnitDto, by: Principal): Promise<OwnerUnitView> {
    const row = await this.db.transaction().execute(async (trx) => {
      const created = await this.units.insert(input, trx);
      if (!created)
        throw new RegistryException('OWNER_UNIT_ALREADY_EXISTS', `owner unit ${input.id} already exists`);
      await this.audit.record(
        {
          actor: by.actor,
          role: by.role,
          action: 'owner_unit.create',
          targetType: 'owner_unit',
          targetId: input.id,
          detail: { ...input },
        },
        trx,
      );
      return created;
    });
    return toOwnerUnitView(row);
  }
}
