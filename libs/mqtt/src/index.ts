export * from './telemetry-source.js';
export * from './device-acl.js';
export * from './ordered-acks.js';
export { QUARANTINE_TOPIC } from './broker-hooks.js';
export * from './embedded-broker.js';
export * from './external-source.js';
