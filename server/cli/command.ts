/**
 * @module cli/command
 * The contract every `yardstick` command implements, the exit codes, and the one error type
 * commands throw for a user's mistake (`CliError`). Adding a command means writing one file that
 * exports a `Command` and listing it in `main.ts`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Process exit codes (70 is `EX_SOFTWARE` from sysexits.h). */
export const EXIT = {
  ok: 0,
  /** The command ran and found problems: analysis errors, bad input cells, invalid documents. */
  problems: 1,
  /** The command line itself is wrong: unknown command or flag, missing argument, missing file. */
  usage: 2,
  /** A bug or an environment failure, not the user's input. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Where a command writes. Tests and the future server can pass their own. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Directory relative file names are resolved against. */
  cwd: string;
}

/**
 * A registered command before it is loaded. Commands load on use, so a heavy one (`serve`
 * brings the whole server) never slows down a light one (`check`).
 */
export interface CommandEntry {
  name: string;
  load(): Promise<Command>;
}

/** What a command gets besides its arguments. */
export interface CliContext {
  io: CliIO;
  /** Every registered command, for `help`. */
  commands: readonly CommandEntry[];
}

/** Load every registered command (for the overview and `help`), in registry order. */
export function loadCommands(entries: readonly CommandEntry[]): Promise<Command[]> {
  return Promise.all(entries.map((e) => e.load()));
}

export interface Command {
  name: string;
  /** One line for the overview. */
  summary: string;
  /** Full usage text: synopsis, options, examples. */
  usage: string;
  /** `argv` is what follows the command name. Returns the exit code. */
  run(argv: string[], ctx: CliContext): Promise<number> | number;
}

/**
 * A user's mistake, reported as `message` plus optional detail lines, without a stack trace.
 * @example throw new CliError(EXIT.usage, 'scheme.json: no such file');
 */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  readonly lines: string[];
  /** For usage errors: print the command's usage after the message. */
  readonly command?: Command;

  constructor(exitCode: ExitCode, message: string, options: { lines?: string[]; command?: Command } = {}) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.lines = options.lines ?? [];
    this.command = options.command;
  }
}

/** A usage error of `command`: exit 2, and the command's usage is shown. */
export function usageError(command: Command | undefined, message: string): CliError {
  return new CliError(EXIT.usage, message, { command });
}

/**
 * `node:util` parseArgs in strict mode, with its errors turned into usage errors that name the
 * command, and a check of how many positional arguments were given.
 * @example
 * const { values, positionals } = parseCommandArgs(command, argv, { format: { type: 'string' } }, ['scheme.json']);
 */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(command: Command, argv: string[], options: O, positionalNames: { required: string[]; optional?: string[] }) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (err) {
    throw usageError(command, describeParseArgsError(err, command.name));
  }
  const { required, optional = [] } = positionalNames;
  const given = parsed.positionals;
  if (given.length < required.length) {
    const missing = required.slice(given.length).map((n) => `<${n}>`);
    throw usageError(command, `yardstick ${command.name}: missing ${missing.join(' and ')}`);
  }
  if (given.length > required.length + optional.length) {
    const extra = given.slice(required.length + optional.length);
    throw usageError(command, `yardstick ${command.name}: unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((a) => JSON.stringify(a)).join(' ')}`);
  }
  return parsed;
}

function describeParseArgsError(err: unknown, name: string): string {
  const code = (err as { code?: string }).code;
  const message = (err as Error).message ?? String(err);
  // parseArgs' own messages are long and suggest `--` tricks; keep the part that names the option.
  const option = /'(-[^']*)'/.exec(message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `yardstick ${name}: unknown option ${option ?? message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `yardstick ${name}: ${option ? `option ${option.split(' ')[0]} ` : ''}${/argument missing|ambiguous/i.test(message) ? 'needs a value' : 'does not take a value'}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `yardstick ${name}: unexpected argument: ${message}`;
    default:
      return `yardstick ${name}: ${message}`;
  }
}

/**
 * The value of a string option that must be one of `allowed`.
 * @example choice(command, 'format', values.format, ['table', 'json', 'csv'])
 */
export function choice<T extends string>(command: Command, flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(command, `yardstick ${command.name}: --${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
}
