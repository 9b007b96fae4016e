export * from './metric-catalog.js';
export * from './telemetry-validation.js';
export * from './telemetry-validation-event.js';
export * from './seq-window.js';
export * from './risk/index.js';
export * from './alarm/index.js';
export * from './webhooks/index.js';
