import { Module } from '@nestjs/common';
import { AssetsModule } from './assets/assets.module.js';
import { DevicesModule } from './devices/devices.module.js';
import { OwnerUnitsModule } from './owner-units/owner-units.module.js';

/** The registry API (建档立卡): owner units, assets, devices (CONTRACT.md §3). */
@Module({ imports: [OwnerUnitsModule, AssetsModule, DevicesModule] })
export class RegistryModule {}
