import { Module } from '@nestjs/common';
import { BrokerModule } from '../broker/broker.module.js';
import { DeviceEventIngest } from './device-events/device-event.ingest.js';
import { DeviceEventRecorder } from './device-events/device-event.recorder.js';
import { DeviceEventsRepository } from './device-events/device-events.repository.js';
import { DeviceStateRepository } from './device-state/device-state.repository.js';
import { DeviceStateWriter } from './device-state/device-state.writer.js';
import { PresenceTracker } from './device-state/presence-tracker.js';
import { IngestMetrics } from './ingest-metrics.js';
import { IngestStorage } from './ingest-storage.js';
import { IngestLifecycle } from './ingest.lifecycle.js';
import { IngestService } from './ingest.service.js';
import { DeviceEventsBus, PresenceBus, ReadingsBus } from './readings-bus.js';
import { RejectionRecorder } from './rejections/rejection-recorder.js';
import { RejectionsRepository } from './rejections/rejections.repository.js';
import { TelemetryIngest } from './telemetry-ingest.js';
import { telemetryWriterProviders } from './telemetry-writer.provider.js';

/**
 * The ingest role (LIFELINE_ROLES=ingest): broker, validation, de-duplication, durable InfluxDB writes,
 * rejections, presence and device events. Exports the buses the alarm engine subscribes to.
 */
@Module({
  imports: [BrokerModule],
  providers: [
    ...telemetryWriterProviders,
    IngestMetrics,
    ReadingsBus,
    DeviceEventsBus,
    PresenceBus,
    RejectionsRepository,
    RejectionRecorder,
    DeviceStateRepository,
    DeviceStateWriter,
    PresenceTracker,
    DeviceEventsRepository,
    DeviceEventRecorder,
    DeviceEventIngest,
    TelemetryIngest,
    IngestService,
    IngestStorage,
    IngestLifecycle,
  ],
  exports: [ReadingsBus, DeviceEventsBus, PresenceBus],
})
export class IngestModule {}
