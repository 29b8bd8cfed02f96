/**
 * @module app
 * The Hono application: security headers, body limits, authentication, the API routes, the
 * OpenAPI document and docs page, and the studio's static files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { serveStatic } from '@hono/node-server/serve-static';
import { YardstickError } from '../rules/errors.ts';
import type { Database } from './db/database.ts';
import { authenticate } from './http/authenticate.ts';
import type { AppEnv } from './http/env.ts';
import { errorHandler, notFoundHandler } from './http/errors.ts';
import { buildOpenApi, renderDocsPage } from './http/openapi.ts';
import { declaredRoutes } from './http/route.ts';
import { registerApiRoutes } from './routes/index.ts';

export interface AppOptions {
  database: Database;
  /** Folder of the built studio (index.html + assets); omitted in API-only tests. */
  studioDir?: string;
  /** Largest request body accepted, in bytes (default 20 MiB, enough for a 100,000-row CSV). */
  maxBodyBytes?: number;
  /** Reverse proxies in front of the server (`TRUST_PROXY`); default 0, `X-Forwarded-For` ignored. */
  trustProxy?: number;
}

/** The studio runs without eval and inline scripts; charts may set inline styles. */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Build the app around an open database.
 * @example
 * const app = createApp({ database: await openDatabase({ memory: true }) });
 * const res = await app.request('/api/health');
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(errorHandler);
  app.use('*', secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, referrerPolicy: 'same-origin', crossOriginEmbedderPolicy: false }));
  app.use('/api/*', async (c, next) => {
    c.set('receivedAt', new Date());
    c.set('db', options.database.db);
    await next();
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 20 * 1024 * 1024,
      onError: () => {
        throw new YardstickError('payload_too_large', `The request body is larger than ${Math.round((options.maxBodyBytes ?? 20 * 1024 * 1024) / 1024 / 1024)} MiB.`);
      },
    }),
  );
  app.use('/api/*', authenticate({ trustProxy: options.trustProxy }));
  app.get('/api/health', (c) => c.json({ status: 'ok', database: options.database.kind }));
  registerApiRoutes(app);
  app.get('/api/openapi.json', (c) => c.json(buildOpenApi(declaredRoutes)));
  app.get('/api/docs', (c) => c.html(renderDocsPage(buildOpenApi(declaredRoutes))));
  app.all('/api/*', notFoundHandler);

  if (options.studioDir) {
    const index = join(options.studioDir, 'index.html');
    app.use('/*', serveStatic({ root: options.studioDir }));
    // Client-side routes (/schemes/12, /cycles/3 …) all load the studio's index page.
    app.get('*', (c) => (existsSync(index) ? c.html(readFileSync(index, 'utf8')) : c.text('The studio has not been built. Run npm start.', 404)));
  }
  return app;
}
