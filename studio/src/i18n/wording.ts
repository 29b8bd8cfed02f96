/**
 * @module i18n/wording
 * Filling a catalogue entry from the args a server message carries, shared by the catalogues
 * that word server messages (findings, import problems). An entry is a `{name}` template or a
 * function of the args that returns one. Reading an arg the message lacks means the entry cannot
 * be worded, and the caller shows the server's own (English) text instead.
 *
 * @example
 * wordEntry('岗位“{position}”的权重合计为 {sum}', { position: '驾驶员', sum: 90 }) // '岗位“驾驶员”的权重合计为 90'
 * wordEntry('{missing}', {})                                                       // undefined
 */

/** The values a message was filled with. */
export type WordingArgs = Readonly<Record<string, string | number>>;

/** A message template, or a function of the args choosing one. */
export type WordingEntry = string | ((args: WordingArgs) => string);

/** A required arg the message does not carry. */
class MissingArg extends Error {}

/** Whether a message carries an arg (null and undefined count as absent). */
export const hasArg = (args: WordingArgs, name: string): boolean => Object.hasOwn(args, name) && args[name] !== null && args[name] !== undefined;

/**
 * The entry filled from the args, or undefined when it reads an arg they lack (an optional arg
 * is tested with `hasArg` first inside the entry).
 * @example wordEntry((a) => (hasArg(a, 'n') ? '{n} 项' : '无'), {}) // '无'
 */
export function wordEntry(entry: WordingEntry, args: WordingArgs): string | undefined {
  const strict = new Proxy(args, {
    get(target, name) {
      if (typeof name === 'string' && !hasArg(target, name)) throw new MissingArg(name);
      return target[name as string];
    },
  });
  try {
    const template = typeof entry === 'function' ? entry(strict) : entry;
    return template.replace(/\{(\w+)\}/g, (_whole, name: string) => String(strict[name]));
  } catch (err) {
    if (err instanceof MissingArg) return undefined;
    throw err;
  }
}
