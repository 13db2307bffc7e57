import { Injectable } from '@nestjs/common';
import { HealthRepository } from 'src/health/health.repository';

export interface HealthResponse {
  status: 'ok' | 'error';
  database: 'up' | 'down';
  migrations: { pending: boolean | null };
}

@Injectable()
export class HealthService {
  constructor(private readonly database: HealthRepository) {}

  /** Healthy when the database answers and every migration is applied. */
  async check(): Promise<HealthResponse> {
    let database: HealthResponse['database'] = 'down';
    let pending: boolean | null = null;
    try {
      await this.database.ping();
      database = 'up';
      pending = await this.database.migrationsPending();
    } catch {
      // reported below
    }
    const ok = database === 'up' && pending === false;
    return { status: ok ? 'ok' : 'error', database, migrations: { pending } };
  }
}
