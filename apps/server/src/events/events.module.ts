import { Global, Module } from '@nestjs/common';
import { EventsService } from './events.service.js';

/** The platform event log, available to every feature that records a change others must hear about. */
@Global()
@Module({ providers: [EventsService], exports: [EventsService] })
export class EventsModule {}
