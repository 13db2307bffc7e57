import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeOrmOptions } from 'src/database/typeorm-options';

/** The data source the TypeORM CLI uses (`npm run migration:*`); DATABASE_URL names the server. */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required for the migration commands');
export default new DataSource(typeOrmOptions(url));
