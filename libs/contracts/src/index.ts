export * from './ids.js';
export * from './domains.js';
export * from './topics.js';
export * from './telemetry.js';
export * from './census.js';
export * from './events.js';
