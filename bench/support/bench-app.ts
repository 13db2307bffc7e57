import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from 'src/app.module';
import { loadConfig } from 'src/config/app-config';
import { setupApp } from 'src/setup-app';
import { User } from 'src/users/user.entity';
import { UsersService } from 'src/users/users.service';

/** The password of the bench's analyst and admin (`bench-<role>@bench.test`). */
export const BENCH_PASSWORD = 'a quiet kite over the harbour';

/**
 * The environment of the service in every bench (its secrets are the bench's own: tokens made in
 * one process verify in another); BENCH_LOG_LEVEL (error) shows more of the service's log.
 */
export const BENCH_ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
  LOGIN_IP_LIMIT_PER_MINUTE: '1000',
  JWT_SECRET: 'bench-jwt-secret-bench-jwt-secret-0123456789',
  CNIC_HMAC_SECRET: 'bench-cnic-secret-bench-cnic-secret-0123456789',
  UPLOAD_ENCRYPTION_KEY: 'YmVuY2gtdXBsb2FkLWtleS1iZW5jaC11cGxvYWQta2U=',
};

/** The bench's users: an analyst, an admin, and the Punjab Police focal person (`bench-focal-pb@bench.test`). */
export type BenchRole = 'analyst' | 'admin' | 'focal';

/** The real service on the benchmark database, listening on a free port, with a token for each bench user. */
export async function benchApp(
  url: string,
): Promise<{ app: INestApplication; base: string; token: (role: BenchRole) => Promise<string> }> {
  const config = loadConfig({ ...BENCH_ENV, DATABASE_URL: url, SCHEDULER_ENABLED: 'false' });
  const app = await NestFactory.create(AppModule.register({ ...config, databaseUrl: url }), { logger: ['error'] });
  setupApp(app);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}/api/v1`;
  const token = async (role: BenchRole) => {
    const email = role === 'focal' ? 'bench-focal-pb@bench.test' : `bench-${role}@bench.test`;
    if (!(await app.get(DataSource).getRepository(User).existsBy({ email }))) {
      await app
        .get(UsersService)
        .create(
          role === 'focal'
            ? { email, password: BENCH_PASSWORD, role: 'focal_person', reportingUnit: 'POLICE-PK-PB' }
            : { email, password: BENCH_PASSWORD, role },
          null,
        );
    }
    const res = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: BENCH_PASSWORD }),
    });
    return ((await res.json()) as { accessToken: string }).accessToken;
  };
  return { app, base, token };
}

/** Uploads a workbook through the API with `token`, as a focal person's browser does; its answer. */
export async function uploadWorkbook(
  base: string,
  token: string,
  bytes: Uint8Array<ArrayBuffer>,
  name: string,
): Promise<{ status: number; body: { status?: string; code?: string } }> {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  const res = await fetch(`${base}/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as { status?: string; code?: string } };
}
