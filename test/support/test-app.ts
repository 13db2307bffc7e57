import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from 'src/app.module';
import { AppConfig, loadConfig } from 'src/config/app-config';
import { setupApp } from 'src/setup-app';
import { Role } from 'src/users/user.entity';
import { UsersService } from 'src/users/users.service';
import { createDatabase, databaseUrl } from 'test/support/test-database';

let counter = 0;

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestApp {
  readonly app: INestApplication;
  readonly http: ReturnType<typeof request>;
  readonly dataSource: DataSource;
  readonly config: AppConfig;
  /** Creates a user directly and returns a bearer token for it. */
  userWithToken(role: Role, jurisdiction?: string): Promise<{ id: string; email: string; token: string }>;
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real service, wired by the same setupApp as production, on a database cloned from
 * this run's migrated template — one per test file.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const serverUrl = process.env.TIP_TEST_SERVER_URL;
  const runId = process.env.TIP_TEST_RUN_ID;
  if (!serverUrl || !runId) throw new Error('test/global-setup.ts did not run');
  const name = `${runId}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  await createDatabase(serverUrl, name, `${runId}_template`);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'test-jwt-secret-test-jwt-secret-0123456789',
    CNIC_HMAC_SECRET: 'test-cnic-secret-test-cnic-secret-0123456789',
    UPLOAD_ENCRYPTION_KEY: '5465737420757061c0ad206b6579204145532d3235362d47434d20666f722074',
    SCHEDULER_ENABLED: 'false',
    DATABASE_URL: databaseUrl(serverUrl, name),
    ...env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.register({ ...config, databaseUrl: config.databaseUrl! })],
  }).compile();
  const app = setupApp(moduleRef.createNestApplication({ bufferLogs: true }));
  await app.init();
  const http = request(app.getHttpServer());
  let users = 0;

  const login = async (email: string, password = TEST_PASSWORD) => {
    const res = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ email, password });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  };

  return {
    app,
    http,
    dataSource: app.get(DataSource),
    config,
    login,
    async userWithToken(role, jurisdiction) {
      const email = `${role}${++users}-${jurisdiction ?? 'all'}@test.example`.toLowerCase();
      const user = await app.get(UsersService).create({ email, password: TEST_PASSWORD, role, jurisdiction }, null);
      return { id: user.id, email, token: await login(email) };
    },
    close: () => app.close(),
  };
}
