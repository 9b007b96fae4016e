import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { BrokerMonitor } from './broker-monitor.js';
import { TELEMETRY_SOURCE } from './broker.tokens.js';
import { DeviceDirectory } from './device-directory.js';
import { DeviceDirectoryRepository } from './device-directory.repository.js';
import { createTelemetrySource } from './telemetry-source.factory.js';

/**
 * The MQTT side of the ingest role: the embedded broker or the external-broker subscriber, and the
 * device directory it authenticates against. Nothing listens until the ingest starts it (IngestLifecycle),
 * after the directory is loaded and the message handler is attached.
 */
@Module({
  providers: [
    DeviceDirectoryRepository,
    DeviceDirectory,
    { provide: TELEMETRY_SOURCE, inject: [AppConfig, DeviceDirectory], useFactory: createTelemetrySource },
    BrokerMonitor,
  ],
  exports: [TELEMETRY_SOURCE, DeviceDirectory],
})
export class BrokerModule {}
