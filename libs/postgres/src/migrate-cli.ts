import { createDatabase, migrateToLatest } from './database.js';

/** `npm run migrate`: applies pending migrations to $DATABASE_URL. */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set');
  process.exit(2);
}
const db = createDatabase({ connectionString: url, max: 1 });
try {
  const { results } = await migrateToLatest(db);
  for (const r of results ?? []) console.log(`${r.status}: ${r.migrationName}`);
  if (!results?.length) console.log('up to date');
} finally {
  await db.destroy();
}
