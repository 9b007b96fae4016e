import type { Migration } from 'kysely';
import * as registry from './0001-registry.js';
import * as deviceEvents from './0002-device-events.js';
import * as riskAlarms from './0003-risk-alarms.js';
import * as riskExtras from './0004-risk-extras.js';
import * as webhooks from './0005-webhooks.js';

/**
 * Every migration, in order. A static list rather than Kysely's FileMigrationProvider so the same
 * code runs compiled (dist/) and under jest (TypeScript sources) without dynamic imports.
 * Append new migrations with the next number; never edit one that has shipped.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-registry': registry,
  '0002-device-events': deviceEvents,
  '0003-risk-alarms': riskAlarms,
  '0004-risk-extras': riskExtras,
  '0005-webhooks': webhooks,
};
