import { Module } from '@nestjs/common';
import { RejectionsController } from './rejections.controller.js';
import { RejectionsRepository } from './rejections.repository.js';
import { RejectionsService } from './rejections.service.js';

/** The rejection list over HTTP (api role); the ingest role writes what it reads. */
@Module({ controllers: [RejectionsController], providers: [RejectionsRepository, RejectionsService] })
export class RejectionsApiModule {}
