import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { NextFunction, Request, Response, static as serveStatic } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The built web application (`web/dist`), found from the project root of this file (src/ or dist/src/). */
export function webAppDir(): string | null {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  const built = join(dir, 'web', 'dist');
  return existsSync(join(built, 'index.html')) ? built : null;
}

/**
 * Serves the web application at `/`: its hashed assets cached for a year, and index.html
 * (never cached) for every other GET outside /api, where the application's router takes over.
 */
export function serveWebApp(app: INestApplication, dir: string): void {
  const express = app as NestExpressApplication;
  express.use(
    '/assets',
    serveStatic(join(dir, 'assets'), {
      index: false,
      fallthrough: false,
      immutable: true,
      maxAge: '365d',
    }),
  );
  const index = join(dir, 'index.html');
  express.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path === '/api' || req.path.startsWith('/api/')) {
      return next();
    }
    if (req.path !== '/' && /\.[a-z0-9]+$/i.test(req.path)) {
      // a file the build holds (favicon), else a plain 404 rather than the application
      serveStatic(dir, { index: false, fallthrough: true })(req, res, next);
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.sendFile(index);
  });
}
