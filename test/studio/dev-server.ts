/**
 * Start the real server on a fresh data folder for manual checks of the studio:
 *   node --import tsx test/studio/dev-server.ts [port]
 * Prints the URL and the demo users; Ctrl-C stops it and removes the folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../server/config.ts';
import { startServer } from '../../server/start.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'yardstick-studio-dev-'));
const server = await startServer(readConfig({ PORT: process.argv[2] ?? '8790', YARDSTICK_DATA_DIR: dataDir }));
console.log(`studio at ${server.url}`);
for (const u of server.demo?.users ?? []) console.log(`  ${u.role.padEnd(9)} ${u.username.padEnd(12)} ${u.password}`);
const stop = async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
