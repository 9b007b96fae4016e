export * from './schema.js';
export * from './database.js';
export { sql } from 'kysely';
