/**
 * @module cli/main
 * The `yardstick` command line: finds the command, runs it, and turns every failure into a
 * message and an exit code (see `EXIT`). A user's mistake never prints a stack trace.
 *
 * To add a command, write `server/cli/<name>.ts` exporting a `Command` and add an entry to
 * `COMMANDS` below; `help` picks it up. Entries load their module only when the command runs.
 *
 * Run through `server/cli/bin.mjs` (`npx yardstick …`), or directly:
 * `node --import tsx server/cli/main.ts check scheme.json`.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isYardstickError } from '../../rules/errors.ts';
import { CliError, EXIT, loadCommands, type CliIO, type CommandEntry } from './command.ts';
import { fullUsage, overview } from './help.ts';

/** Every command, in the order `help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'serve', load: async () => (await import('./serve.ts')).serve },
  { name: 'check', load: async () => (await import('./check.ts')).check },
  { name: 'evaluate', load: async () => (await import('./evaluate.ts')).evaluate },
  { name: 'diff', load: async () => (await import('./diff.ts')).diff },
  { name: 'backup', load: async () => (await import('./backup.ts')).backup },
  { name: 'restore', load: async () => (await import('./backup.ts')).restore },
  { name: 'audit', load: async () => (await import('./audit.ts')).audit },
  { name: 'help', load: async () => (await import('./help.ts')).help },
];

/** The process's own streams and working directory. */
export function processIO(): CliIO {
  return { stdout: (text) => void process.stdout.write(text), stderr: (text) => void process.stderr.write(text), cwd: process.cwd() };
}

/**
 * Run one command line and return its exit code; never throws.
 * @example process.exitCode = await main(['check', 'scheme.json']);
 */
export async function main(argv: readonly string[], io: CliIO = processIO(), commands: readonly CommandEntry[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h') {
      io.stdout(fullUsage(await loadCommands(commands)));
      return EXIT.ok;
    }
    const entry = commands.find((c) => c.name === name);
    if (!entry) {
      io.stderr(`yardstick: unknown command "${name}"\n\n${overview(await loadCommands(commands))}\n`);
      return EXIT.usage;
    }
    const command = await entry.load();
    if (wantsHelp(rest)) {
      io.stdout(`${command.usage}\n`);
      return EXIT.ok;
    }
    return await command.run(rest, { io, commands });
  } catch (err) {
    return report(err, io);
  }
}

/** `--help` or `-h` anywhere before a `--` separator. */
function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** Print an error the way its kind deserves and return the exit code. */
export function report(err: unknown, io: CliIO): number {
  if (err instanceof CliError) {
    io.stderr(`${err.message}\n${err.lines.map((l) => `${l}\n`).join('')}`);
    if (err.command) io.stderr(`\n${err.command.usage}\n`);
    return err.exitCode;
  }
  if (isYardstickError(err) && err.code !== 'internal') {
    io.stderr(`yardstick: ${err.message}\n${detailLines(err.details).map((l) => `  ${l}\n`).join('')}`);
    return EXIT.problems;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr(`yardstick: internal error: ${message}\nThis is a fault in yardstick, not in your files. Set YARDSTICK_DEBUG=1 to print where it happened.\n`);
  if (process.env.YARDSTICK_DEBUG && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
  return EXIT.internal;
}

/** A YardstickError's details as lines: its issues one per line, other fields as `name: value`. */
function detailLines(details: unknown): string[] {
  if (typeof details !== 'object' || details === null) return details === undefined ? [] : [String(details)];
  const d = details as Record<string, unknown>;
  if (Array.isArray(d.issues)) {
    return d.issues.map((i) => (typeof i === 'object' && i !== null && 'message' in i ? `${(i as { path?: string }).path ?? ''}: ${(i as { message: string }).message}` : JSON.stringify(i)));
  }
  return Object.entries(d).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
}

/** Run with the process's arguments and set its exit code (output is flushed, not cut off by process.exit). */
export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // `yardstick evaluate … | head` closes the pipe early: that is not an error worth a trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  process.exitCode = await main(argv);
}

function isEntryPoint(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) await run();
