import { DataSource } from 'typeorm';
import { typeOrmOptions } from 'src/database/typeorm-options';
import { seedReferenceData } from 'seeds/reference.seed';

/** Applies pending migrations and the idempotent reference seed to the database at `url`. */
export async function migrateAndSeed(url: string): Promise<void> {
  const dataSource = new DataSource(typeOrmOptions(url));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await seedReferenceData(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
