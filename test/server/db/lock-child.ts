/**
 * A second process for the lock tests (run with `node --import tsx lock-child.ts <mode> <dir>`).
 * Modes: `try` (acquire, report, release), `hold` (acquire and wait to be killed),
 * `exit` (acquire, then exit without releasing). Prints one JSON line.
 */
import { acquireDataDirLock } from '../../../server/db/lock.ts';

const [mode, dir] = process.argv.slice(2) as [string, string];
try {
  const lock = await acquireDataDirLock(dir);
  console.log(JSON.stringify({ acquired: true, pid: process.pid }));
  if (mode === 'try') await lock.release();
  if (mode === 'hold') setInterval(() => {}, 60_000);
  if (mode === 'exit') process.exit(0);
} catch (err) {
  const { code, message } = err as { code?: string; message: string };
  console.log(JSON.stringify({ acquired: false, code, message }));
}
