/**
 * @module http/json-body
 * Turning a request's text into a value without letting hostile input crash or stall the server.
 *
 * - Nesting deeper than `MAX_JSON_DEPTH` is refused before `JSON.parse`, by one pass over the
 *   text: code further on (ajv, canonical JSON, rule checks) recurses per level and would
 *   overflow the stack (a `RangeError`, answered as a 500) on 10,000 levels.
 * - Text PostgreSQL cannot store is refused naming the field: U+0000 (error 22021 in text
 *   columns, 22P05 in jsonb) and lone UTF-16 surrogates (rejected in jsonb, silently turned into
 *   U+FFFD in text columns).
 * Both checks are loops over the text or the value, never recursion.
 */
import { YardstickError } from '../../rules/errors.ts';
import { HARD_MAX_DEPTH } from '../../rules/logic/index.ts';
import { escapeSegment } from '../../rules/logic/pointer.ts';
import { readablePath } from '../../rules/1-parse/parse.ts';

/**
 * Deepest nesting of arrays and objects a JSON body may have: room for the deepest rule the
 * rule checker accepts (`HARD_MAX_DEPTH`) inside a scheme document inside a request body.
 */
export const MAX_JSON_DEPTH = HARD_MAX_DEPTH + 24;

/**
 * Parse a JSON request body, or throw a 400 that says what is wrong and where.
 * @example
 * parseJsonBody('{"name":"Ann"}')          // { name: 'Ann' }
 * parseJsonBody('[[[[…10,000 levels…]]]]') // throws invalid_json: nested more than 1024 levels deep
 * parseJsonBody('{"name":"A\\u0000"}')     // throws invalid_argument: name contains U+0000
 */
export function parseJsonBody(text: string): unknown {
  const tooDeepAt = offsetPastDepth(text, MAX_JSON_DEPTH);
  if (tooDeepAt !== -1) {
    throw new YardstickError('invalid_json', `The request body is nested too deeply: more than ${MAX_JSON_DEPTH} levels of arrays and objects (the limit), reached at character ${tooDeepAt + 1}.`, { limit: MAX_JSON_DEPTH, offset: tooDeepAt });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new YardstickError('invalid_json', `The request body is not valid JSON: ${(err as Error).message}`);
  }
  // Only escapes can put these characters into parsed JSON (raw control characters are invalid
  // JSON, and decoding UTF-8 never yields a lone surrogate): skip the walk for ordinary bodies.
  if (/\\u(?:0000|[dD][89a-fA-F])/.test(text)) assertStorableStrings(value);
  return value;
}

/**
 * Throw a 400 naming the query (or path) parameter whose value PostgreSQL could not store or search.
 * @example assertStorableParameters({ q: 'a\u0000' }, 'query parameter') // throws: query parameter q contains U+0000
 */
export function assertStorableParameters(values: Record<string, string | undefined>, kind: string): void {
  for (const [name, value] of Object.entries(values)) {
    const problem = value === undefined ? undefined : unstorable(value);
    if (problem) throw new YardstickError('invalid_argument', `The ${kind} ${name} contains ${problem}; remove it and try again.`, { parameter: name });
  }
}

/** Index of the bracket that opens level `limit + 1` (outside strings), or -1. */
function offsetPastDepth(text: string, limit: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character, including a quote
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return -1;
}

interface Frame {
  value: unknown;
  parent: Frame | null;
  step: string;
}

/** Walk every key and string of a parsed body; the pointer is built only for the one reported. */
function assertStorableStrings(root: unknown): void {
  const stack: Frame[] = [{ value: root, parent: null, step: '' }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value } = frame;
    if (typeof value === 'string') {
      const problem = unstorable(value);
      if (problem) throw badText(frame, problem, 'value');
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], parent: frame, step: String(i) });
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const child: Frame = { value: (value as Record<string, unknown>)[keys[i]], parent: frame, step: escapeSegment(keys[i]) };
        const problem = unstorable(keys[i]);
        if (problem) throw badText(child, problem, 'name');
        stack.push(child);
      }
    }
  }
}

function badText(frame: Frame, problem: string, what: 'value' | 'name'): YardstickError {
  const steps: string[] = [];
  for (let f: Frame | null = frame; f?.parent; f = f.parent) steps.push(f.step);
  const pointer = steps.length ? `/${steps.reverse().join('/')}` : '';
  const path = readablePath(pointer);
  const subject = !pointer ? 'The request body' : what === 'name' ? `A field name in the request body (${path})` : `The request body field ${path}`;
  return new YardstickError('invalid_argument', `${subject} contains ${problem}, which cannot be stored; remove it and try again.`, { pointer, path });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What in `text` PostgreSQL cannot store, in words, or undefined. */
function unstorable(text: string): string | undefined {
  if (text.includes('\u0000')) return 'a NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'a lone UTF-16 surrogate (half of an emoji or other character, as \\uD800–\\uDFFF)';
  return undefined;
}
