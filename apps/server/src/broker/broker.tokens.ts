import { Inject } from '@nestjs/common';

/** Injection token of the `TelemetrySource` (#mqtt): the embedded broker or the external-broker subscriber. */
export const TELEMETRY_SOURCE = Symbol('lifeline.telemetry-source');
export const InjectTelemetrySource = (): PropertyDecorator & ParameterDecorator => Inject(TELEMETRY_SOURCE);
