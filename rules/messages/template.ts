/**
 * @module messages/template
 * Filling a message catalogue entry from the args a message carries — shared by every catalogue
 * (analysis findings, import problems) in the server, the CLI and the studio. An entry is a
 * `{name}` template or a function of the args that returns one. Reading an arg the message lacks
 * means the entry cannot be worded, and the caller falls back to the text it has.
 *
 * Args stay structured: a list is an array, and an entry words it with `listOf` (never by joining
 * with ", " and splitting again, which breaks on names containing ", "). A value an entry puts
 * into its template itself is wrapped in `literal`, so braces in a user's text ("{limit}") are
 * not read as placeholders.
 *
 * @example
 * fillTemplate('岗位“{position}”的权重合计为 {sum}', { position: '驾驶员', sum: 90 }) // '岗位“驾驶员”的权重合计为 90'
 * fillTemplate('{missing}', {})                                                        // undefined
 */

/** One value a message was filled with. */
export type MessageArg = string | number | readonly (string | number)[];

/** The values a message was filled with. */
export type MessageArgs = Readonly<Record<string, MessageArg>>;

/** A message template, or a function of the args choosing one. */
export type MessageTemplate<A extends MessageArgs = MessageArgs> = string | ((args: A) => string);

/** A required arg the message does not carry. */
class MissingArg extends Error {}

// Braces of literal values are swapped for two control characters while the template is filled.
const OPEN = '\u0000';
const CLOSE = '\u0001';

/**
 * Whether a message carries an arg (null and undefined count as absent).
 * @example hasArg({ position: 'p' }, 'position') // true
 */
export const hasArg = (args: MessageArgs, name: string): boolean => Object.hasOwn(args, name) && args[name] !== null && args[name] !== undefined;

/**
 * A value an entry writes into its template itself, kept verbatim by `fillTemplate`.
 * @example (a) => `names: ${literal(a.title)}` // a title "{sum}" stays "{sum}"
 */
export const literal = (value: string | number): string => String(value).replace(/[{}]/g, (c) => (c === '{' ? OPEN : CLOSE));

/**
 * The items of a list arg; a lone value (or a list joined by an older server) is split on ", ".
 * @example listOf(['A', 'B, C']) // ['A', 'B, C']
 */
export function listOf(value: MessageArg | undefined): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === undefined ? [] : String(value).split(', ');
}

/**
 * The entry filled from the args, or undefined when it reads an arg they lack (an optional arg
 * is tested with `hasArg` first inside the entry).
 * @example fillTemplate((a) => (hasArg(a, 'n') ? '{n} 项' : '无'), {}) // '无'
 */
export function fillTemplate<A extends MessageArgs>(entry: MessageTemplate<A>, args: A): string | undefined {
  const strict = new Proxy(args, {
    get(target, name) {
      if (typeof name === 'string' && !hasArg(target, name)) throw new MissingArg(name);
      return target[name as string];
    },
  });
  try {
    const template = typeof entry === 'function' ? entry(strict) : entry;
    const filled = template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
      const value = strict[name] as MessageArg;
      return Array.isArray(value) ? value.join(', ') : String(value);
    });
    return filled.replace(/[\u0000\u0001]/g, (c) => (c === OPEN ? '{' : '}'));
  } catch (err) {
    if (err instanceof MissingArg) return undefined;
    throw err;
  }
}
