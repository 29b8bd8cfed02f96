/**
 * @module cli/audit
 * `yardstick audit anchor [--out FILE]` notes the audit log's head (seq, hash, time) to keep
 * outside the database; `yardstick audit verify [--anchor FILE]` checks the chain, the anchor and
 * the stored results and inputs (`verifyAll`) and exits 1 naming every problem. Both open the
 * database the server would (DATABASE_URL, otherwise the embedded one in YARDSTICK_DATA_DIR,
 * which must not be in use: the data-folder lock refuses while a server runs) and change nothing.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isYardstickError } from '../../rules/index.ts';
import { readConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { pendingMigrations } from '../db/migrate.ts';
import { auditHead, parseAnchor, verifyAll, type AuditAnchor } from '../services/audit/audit-verify.ts';
import { CliError, EXIT, parseCommandArgs, usageError, type Command } from './command.ts';

const OPTIONS = { out: { type: 'string' }, anchor: { type: 'string' } } as const;

export const audit: Command = {
  name: 'audit',
  summary: 'Note the audit log head, or verify the log and the stored records',
  usage: `Usage: yardstick audit anchor [--out FILE]
       yardstick audit verify [--anchor FILE]

anchor   Prints (or writes to FILE, as JSON) the head of the audit log: its last seq, that row's
         hash and time. Keep it outside the database (a ticket, a signed report, another machine).
verify   Recomputes the hash chain, checks every evaluation's results digest against the stored
         results and every input against its history, and with --anchor FILE (a file written by
         "audit anchor") that the anchored row is still there with the same hash: rows cut off
         the end or a log re-hashed from some row on are found that way.

Uses DATABASE_URL when set, otherwise the embedded database in YARDSTICK_DATA_DIR (default
./.data), which must not be in use by a running server. Changes nothing.

Exit status: 0 intact, 1 problems found (each is named) or database unavailable, 2 usage.`,

  async run(argv, { io }) {
    const { values, positionals } = parseCommandArgs(this, argv, OPTIONS, { required: ['anchor|verify'] });
    const action = positionals[0];
    if (action !== 'anchor' && action !== 'verify') throw usageError(this, `yardstick audit: unknown action "${action}"; use anchor or verify`);
    if (action === 'anchor' && values.anchor !== undefined) throw usageError(this, 'yardstick audit anchor: --anchor belongs to verify; use --out FILE');
    if (action === 'verify' && values.out !== undefined) throw usageError(this, 'yardstick audit verify: --out belongs to anchor');
    const anchor = values.anchor === undefined ? undefined : await readAnchor(resolve(io.cwd, values.anchor));
    // Refuse before opening the database (slow for the embedded one) what would fail at the end.
    if (values.out !== undefined && existsSync(resolve(io.cwd, values.out))) throw new CliError(EXIT.problems, `${resolve(io.cwd, values.out)} exists already; anchors are never overwritten, choose another file.`);
    const database = await open(io.cwd);
    try {
      const pending = await pendingMigrations(database.db);
      if (pending.length) throw new CliError(EXIT.problems, `yardstick audit: the database is not up to date (${pending.join(', ')} pending); start the server once so it migrates.`);
      if (action === 'anchor') {
        const head = await auditHead(database.db);
        if (!head) throw new CliError(EXIT.problems, 'yardstick audit anchor: the audit log is empty; there is nothing to anchor yet.');
        const text = `${JSON.stringify(head, null, 2)}\n`;
        if (values.out === undefined) io.stdout(text);
        else {
          const file = resolve(io.cwd, values.out);
          await writeFile(file, text, { flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
            throw new CliError(EXIT.problems, err.code === 'EEXIST' ? `${file} exists already; anchors are never overwritten, choose another file.` : `Cannot write ${file}: ${err.message}`);
          });
          io.stdout(`Anchored the audit log at seq ${head.seq} (hash ${head.hash}, ${head.at}) in ${file}.\n`);
        }
        return EXIT.ok;
      }
      const result = await verifyAll(database.db, anchor ? { anchor } : {});
      const checked = `${result.count} audit row(s), ${result.checked.evaluations} evaluation(s) with ${result.checked.results} result(s), ${result.checked.inputs} input(s)`;
      const head = result.head ? `head seq ${result.head.seq}, hash ${result.head.hash}` : 'empty log';
      if (result.ok) {
        io.stdout(`Audit log intact: ${checked}; ${head}${anchor ? `; anchor seq ${anchor.seq} matches` : ''}.\n`);
        return EXIT.ok;
      }
      io.stderr(`Audit verification FAILED (${result.problems.length} problem(s)${result.problems.length >= 100 ? ', first 100 listed' : ''}; checked ${checked}; ${head}):\n${result.problems.map((p) => `  ${p.kind}: ${p.message}\n`).join('')}`);
      return EXIT.problems;
    } finally {
      await database.close();
    }
  },
};

async function readAnchor(file: string): Promise<AuditAnchor> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(EXIT.usage, `${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  let parsed: { seq?: unknown; hash?: unknown };
  try {
    parsed = text.length > 10_000 ? {} : (JSON.parse(text) as typeof parsed);
  } catch {
    parsed = {};
  }
  try {
    return parseAnchor(parsed?.seq, parsed?.hash);
  } catch (err) {
    throw new CliError(EXIT.usage, `${file} is not an anchor written by "yardstick audit anchor": ${isYardstickError(err) ? err.message : String(err)}`);
  }
}

async function open(cwd: string): Promise<Database> {
  const config = readConfig(process.env, cwd);
  if (!config.databaseUrl && !existsSync(config.dataDir)) throw new CliError(EXIT.problems, `yardstick audit: there is no embedded database in ${config.dataDir} (set YARDSTICK_DATA_DIR, or DATABASE_URL for PostgreSQL).`);
  try {
    return await openDatabase(config.databaseUrl ? { url: config.databaseUrl, maxConnections: 2 } : { dataDir: config.dataDir });
  } catch (err) {
    if (isYardstickError(err)) throw new CliError(EXIT.problems, `yardstick audit: ${err.message}`);
    throw err;
  }
}
