/**
 * @module studio-build
 * `npm start` builds the studio when its build is missing or older than its sources, so a
 * fresh clone serves the current studio without a separate build step.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCES = [join(ROOT, 'studio'), join(ROOT, 'rules'), join(ROOT, 'schemas', 'scheme.schema.json'), join(ROOT, 'vite.config.ts')];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) if (entry !== 'node_modules') newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * Build the studio into `outDir` unless the build is newer than every source file.
 * @example await ensureStudioBuilt(config.studioDir) // 'built' | 'fresh'
 */
export async function ensureStudioBuilt(outDir: string): Promise<'built' | 'fresh'> {
  const index = join(outDir, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...SOURCES.map(newestMtime))) return 'fresh';
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir } });
  return 'built';
}
