/**
 * @module cli/help
 * `yardstick help [command]`: the overview and every command's usage, or one command's usage.
 */
import { EXIT, loadCommands, parseCommandArgs, usageError, type Command, type CliContext } from './command.ts';

/** The overview: one line per command, then the exit codes. */
export function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `yardstick: auditable performance-assessment schemes

Usage: yardstick <command> [arguments] [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

"yardstick <command> --help" shows one command's usage.
Exit status: 0 ok, 1 problems found (invalid scheme, analysis errors, bad inputs),
2 usage error (unknown command or option, missing file), 70 internal error.`;
}

/** The overview followed by the usage of every command. */
export function fullUsage(commands: readonly Command[]): string {
  return [overview(commands), ...commands.filter((c) => c.name !== 'help').map((c) => `── ${c.name} ${'─'.repeat(Math.max(3, 60 - c.name.length))}\n\n${c.usage}`)].join('\n\n') + '\n';
}

export const help: Command = {
  name: 'help',
  summary: 'Show this help, or one command\'s usage',
  usage: `Usage: yardstick help [command]

Without a command, prints the overview and the usage of every command.`,

  async run(argv, ctx: CliContext) {
    const { positionals } = parseCommandArgs(this, argv, {}, { required: [], optional: ['command'] });
    if (!positionals.length) {
      ctx.io.stdout(fullUsage(await loadCommands(ctx.commands)));
      return EXIT.ok;
    }
    const entry = ctx.commands.find((c) => c.name === positionals[0]);
    if (!entry) throw usageError(this, `yardstick help: unknown command "${positionals[0]}" (commands: ${ctx.commands.map((c) => c.name).join(', ')})`);
    ctx.io.stdout(`${(await entry.load()).usage}\n`);
    return EXIT.ok;
  },
};
