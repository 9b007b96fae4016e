import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { createDatabase, migrateToLatest, sql, type Db } from '#postgres';
import { AppConfig } from '../config/app-config.js';
import { HealthRegistry } from '../health/health.registry.js';

/** Injection token of the app-wide Kysely `Db`: `constructor(@InjectDb() private readonly db: Db)`. */
export const DB = Symbol('lifeline.db');
export const InjectDb = (): PropertyDecorator & ParameterDecorator => Inject(DB);

/**
 * Closes the pool in `onApplicationShutdown`, the last shutdown phase, so other modules can still write
 * (flush an outbox, release leases) in `onModuleDestroy`/`beforeApplicationShutdown`. Registers the
 * PostgreSQL readiness check.
 */
@Injectable()
class DatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register('postgres', async () => {
      await sql`select 1`.execute(this.db);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: DB,
      inject: [AppConfig],
      // Migrations run before any other provider can touch a table; Kysely's migrator takes an advisory
      // lock, so several processes starting together apply each migration once.
      useFactory: async (config: AppConfig): Promise<Db> => {
        const db = createDatabase({ connectionString: config.database.url });
        try {
          const { results } = await migrateToLatest(db);
          for (const r of results ?? [])
            new Logger('Database').log(`migration ${r.migrationName}: ${r.status}`);
          return db;
        } catch (error) {
          await db.destroy();
          throw error;
        }
      },
    },
    DatabaseLifecycle,
  ],
  exports: [DB],
})
export class DatabaseModule {}
