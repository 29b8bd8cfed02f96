/**
 * @module start
 * Start Yardstick: build the studio if needed, open and migrate the database (as the owner when
 * `DATABASE_OWNER_URL` is set), seed the demo
 * organisation into an empty database, resume unfinished evaluation jobs, and serve.
 */
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.ts';
import type { ServerConfig } from './config.ts';
import type { Database } from './db/database.ts';
import { openConfigured } from './db/open-configured.ts';
import { ensureStudioBuilt } from './studio-build.ts';
import { seedDemoIfEmpty, type DemoCredentials } from './seed/demo.ts';
import { resumeEvaluationJobs } from './services/evaluation/jobs.ts';
import { sweepLoginRecords } from './services/access/login.ts';

export interface RunningServer {
  url: string;
  database: Database;
  demo: DemoCredentials | null;
  close(): Promise<void>;
}

/**
 * Start the server with a configuration.
 * @example const server = await startServer(readConfig()); console.log(server.url);
 */
export async function startServer(config: ServerConfig, log: (line: string) => void = console.log): Promise<RunningServer> {
  const studio = await ensureStudioBuilt(config.studioDir);
  if (studio === 'built') log('Built the studio.');
  const { database, applied } = await openConfigured(config);
  try {
    if (applied.length) log(`Database ready (${database.kind}${database.kind === 'pglite' ? `, ${config.dataDir}` : ''}); applied ${applied.length} migration(s).`);
    const demo = config.seedDemo ? await seedDemoIfEmpty(database.db) : null;
    await sweepLoginRecords(database.db);
    void resumeEvaluationJobs(database.db);
    const app = createApp({ database, studioDir: config.studioDir, trustProxy: config.trustProxy });
    const server: ServerType = await new Promise((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
      s.once('error', reject);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host}:${port}`;
    return {
      url,
      database,
      demo,
      close: async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
