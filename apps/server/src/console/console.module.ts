import { Module } from '@nestjs/common';
import { ConsoleHosting } from './console-hosting.js';
import { DistrictMapSource } from './district-map.source.js';
import { MapController } from './map.controller.js';

/** The monitoring-room console at `/` and the base map it draws (`/api/v1/map/*`); api role. */
@Module({ controllers: [MapController], providers: [ConsoleHosting, DistrictMapSource] })
export class ConsoleModule {}
