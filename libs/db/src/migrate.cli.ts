import { loadConfig } from '@app/config';
import { migrate } from './migrate.js';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL. */
try {
  const config = loadConfig();
  const applied = await migrate(config.DATABASE_URL, (l) => console.log(l));
  console.log(applied.length ? `${applied.length} migration(s) applied` : 'database is up to date');
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
