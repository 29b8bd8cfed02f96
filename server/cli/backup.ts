/**
 * @module cli/backup
 * `yardstick backup [file]` and `yardstick restore <file>`: the embedded database in one file
 * and back. Both refuse while a server is using the data folder.
 */
import { resolve } from 'node:path';
import { isYardstickError } from '../../rules/index.ts';
import { readConfig } from '../config.ts';
import { backupDataDir, restoreDataDir } from '../services/backup.ts';
import { CliError, EXIT, parseCommandArgs, type Command } from './command.ts';

const DATA_DIR_HELP = 'The data folder is YARDSTICK_DATA_DIR (default ./.data), as for npm start.';

export const backup: Command = {
  name: 'backup',
  summary: 'Back up the embedded database to one file',
  usage: `Usage: yardstick backup [file]

Writes the embedded database (PGlite) to a gzipped tar file, by default
yardstick-backup-<date>.tar.gz in the current folder. Stop the server first: a folder in use
is refused so that a backup can never be torn. ${DATA_DIR_HELP}
With DATABASE_URL set, use pg_dump instead.

Exit status: 0 written, 1 refused (server running, no database), 2 usage.`,

  async run(argv, { io }) {
    const { positionals } = parseCommandArgs(this, argv, {}, { required: [], optional: ['file'] });
    const config = readConfig(process.env, io.cwd);
    if (config.databaseUrl) throw new CliError(EXIT.problems, 'DATABASE_URL is set: back up PostgreSQL with pg_dump; this command backs up the embedded database.');
    const file = resolve(io.cwd, positionals[0] ?? `yardstick-backup-${new Date().toISOString().slice(0, 10)}.tar.gz`);
    const { bytes } = await refuseNicely(() => backupDataDir(config.dataDir, file));
    io.stdout(`Backed up ${config.dataDir} to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MiB).\n`);
    return EXIT.ok;
  },
};

export const restore: Command = {
  name: 'restore',
  summary: 'Replace the embedded database with a backup',
  usage: `Usage: yardstick restore <file>

Loads a backup made by "yardstick backup" into a new folder, checks that it is a Yardstick
database, and swaps it in; the previous folder is kept beside it as
<folder>.before-restore-<time>. Refused while a server is running on the folder. ${DATA_DIR_HELP}

Exit status: 0 restored, 1 refused or not a Yardstick backup, 2 usage.`,

  async run(argv, { io }) {
    const { positionals } = parseCommandArgs(this, argv, {}, { required: ['file'] });
    const config = readConfig(process.env, io.cwd);
    if (config.databaseUrl) throw new CliError(EXIT.problems, 'DATABASE_URL is set: restore PostgreSQL with pg_restore; this command restores the embedded database.');
    const file = resolve(io.cwd, positionals[0]);
    const { previous } = await refuseNicely(() => restoreDataDir(config.dataDir, file));
    io.stdout(`Restored ${file} into ${config.dataDir}.${previous ? ` The previous database is kept in ${previous}.` : ''}\n`);
    return EXIT.ok;
  },
};

async function refuseNicely<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isYardstickError(err)) throw new CliError(EXIT.problems, err.message);
    throw err;
  }
}
