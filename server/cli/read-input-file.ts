/**
 * @module cli/read-input-file
 * Reading the files named on the command line: UTF-8 text (a byte order mark is dropped), inputs
 * sheets in UTF-8 or GB18030/GBK as the server's import reads them (`rules/inputs/decode.ts`), JSON
 * with the line and column of a syntax error, and scheme documents with every validation issue.
 * Every message starts with the file name as the user typed it.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkScheme, type ParseIssue, type Scheme } from '../../rules/index.ts';
import { decodeInputBytes } from '../../rules/inputs/index.ts';
import { CliError, EXIT } from './command.ts';

/** A file's text and the name to use in messages. */
export interface InputFile {
  /** The path as given on the command line. */
  name: string;
  text: string;
}

/**
 * Read a UTF-8 text file. A missing file or a directory is a usage error (exit 2); bytes that
 * are not UTF-8 are a problem with the file (exit 1).
 * @example const { text } = await readTextFile('inputs.csv', process.cwd());
 */
export async function readTextFile(name: string, cwd: string): Promise<InputFile> {
  const bytes = await readFileBytes(name, cwd);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(EXIT.problems, `${name}: is not UTF-8 text. Save it as UTF-8 (in Excel: "CSV UTF-8").`);
  }
  return { name, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/**
 * Read an inputs file: UTF-8 (± byte order mark) or GB18030/GBK, as the server's import does.
 * Bytes that are neither are a problem naming the row (exit 1), never replaced.
 * @example const { text } = await readSheetFile('inputs.csv', process.cwd());
 */
export async function readSheetFile(name: string, cwd: string): Promise<InputFile> {
  const decoded = decodeInputBytes(await readFileBytes(name, cwd));
  if ('badRow' in decoded) throw new CliError(EXIT.problems, `${name} row ${decoded.badRow}: is neither UTF-8 nor GBK text. Save the file as UTF-8 (in Excel: "CSV UTF-8").`);
  return { name, text: decoded.text };
}

/** A file's bytes; a missing file or a directory is a usage error (exit 2). */
async function readFileBytes(name: string, cwd: string): Promise<Uint8Array> {
  const path = resolve(cwd, name);
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError(EXIT.usage, `${name}: is a directory, not a file`);
    bytes = await readFile(path);
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError(EXIT.usage, `${name}: no such file`);
    if (code === 'EACCES' || code === 'EPERM') throw new CliError(EXIT.usage, `${name}: permission denied`);
    throw new CliError(EXIT.usage, `${name}: cannot be read (${(err as Error).message})`);
  }
  return bytes;
}

/**
 * Read and parse a JSON file. A syntax error names the file, line, column and what was expected.
 * @example await readJsonFile('scheme.json', cwd) // { name: 'scheme.json', text, value }
 */
export async function readJsonFile(name: string, cwd: string): Promise<InputFile & { value: unknown }> {
  const file = await readTextFile(name, cwd);
  return { ...file, value: parseJsonText(file) };
}

/**
 * `JSON.parse` with a message people can act on. V8's own message often has no position
 * ("Unexpected token '}', ... is not valid JSON"), so the position comes from `locateJsonError`.
 * @example parseJsonText({ name: 'a.json', text: '{"a": }' }) // throws: a.json is not valid JSON: line 1, column 7: unexpected "}"
 */
export function parseJsonText(file: InputFile): unknown {
  try {
    return JSON.parse(file.text);
  } catch (err) {
    if (file.text.trim() === '') throw new CliError(EXIT.problems, `${file.name} is not valid JSON: the file is empty`);
    const found = locateJsonError(file.text) ?? { offset: 0, reason: (err as Error).message };
    const { line, column } = lineAndColumn(file.text, found.offset);
    throw new CliError(EXIT.problems, `${file.name} is not valid JSON: line ${line}, column ${column}: ${found.reason}`, { lines: excerpt(file.text, found.offset) });
  }
}

/** The scheme file's parse result: the scheme, or every issue with its path. */
export type SchemeFileResult = InputFile & ({ ok: true; scheme: Scheme } | { ok: false; issues: ParseIssue[] });

/**
 * Read a scheme document and validate it, returning the issues instead of throwing, for `check`.
 * Unreadable files and JSON syntax errors still throw a `CliError`.
 */
export async function readSchemeFile(name: string, cwd: string): Promise<SchemeFileResult> {
  const file = await readJsonFile(name, cwd);
  const checked = checkScheme(file.value);
  return checked.ok ? { name, text: file.text, ok: true, scheme: checked.scheme } : { name, text: file.text, ok: false, issues: checked.issues };
}

/**
 * Read a scheme document that must be valid: the issues are reported as a `CliError` (exit 1).
 * @example const { scheme } = await loadScheme('scheme.json', cwd);
 */
export async function loadScheme(name: string, cwd: string): Promise<{ name: string; scheme: Scheme }> {
  const result = await readSchemeFile(name, cwd);
  if (!result.ok) throw schemeIssuesError(result.name, result.issues);
  return { name: result.name, scheme: result.scheme };
}

/** The error for an invalid scheme document, one line per issue. */
export function schemeIssuesError(name: string, issues: ParseIssue[]): CliError {
  return new CliError(EXIT.problems, `${name} is not a valid scheme (${issues.length} problem${issues.length === 1 ? '' : 's'}):`, {
    lines: issues.map((i) => `  ${i.path}: ${i.message}`),
  });
}

/** 1-based line and column (in UTF-16 code units, as editors count) of a string offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The offending line (shortened around the column) with a caret under the position. */
function excerpt(text: string, offset: number): string[] {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const endAt = text.indexOf('\n', offset);
  const full = text.slice(start, endAt < 0 ? text.length : endAt).replace(/\r$/, '').replace(/\t/g, ' ');
  const column = offset - start;
  const from = Math.max(0, column - 50);
  const shown = full.slice(from, from + 90);
  if (!shown.trim()) return [];
  return [`  ${from > 0 ? '…' : ''}${shown}`, `  ${' '.repeat(column - from + (from > 0 ? 1 : 0))}^`];
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Find the first JSON syntax error (RFC 8259): its offset and a plain description.
 * Returns undefined for valid JSON.
 * @example locateJsonError('{"a": 1,}') // { offset: 8, reason: 'expected a property name in double quotes, found "}"' }
 */
export function locateJsonError(text: string): { offset: number; reason: string } | undefined {
  let i = 0;
  const fail = (reason: string): never => {
    throw { offset: i, reason };
  };
  const found = () => (i >= text.length ? 'the end of the file' : JSON.stringify(text[i]));
  const skipWs = () => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  };
  const value = (depth: number): void => {
    if (depth > 10_000) fail('nesting is too deep');
    skipWs();
    const c = text[i];
    if (c === '{') {
      i++;
      skipWs();
      if (text[i] === '}') return void i++;
      for (;;) {
        skipWs();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${found()}`);
        string();
        skipWs();
        if (text[i] !== ':') fail(`expected ":" after the property name, found ${found()}`);
        i++;
        value(depth + 1);
        skipWs();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return void i++;
        fail(`expected "," or "}" after a property value, found ${found()}`);
      }
    }
    if (c === '[') {
      i++;
      skipWs();
      if (text[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        skipWs();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') return void i++;
        fail(`expected "," or "]" after an array element, found ${found()}`);
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (c === "'") fail('strings must use double quotes, found a single quote');
    fail(`expected a value, found ${found()}`);
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('a string is not closed (missing ")');
      const code = text.charCodeAt(i);
      if (code === 0x22) return void i++;
      if (code < 0x20) fail(code === 0x0a ? 'a string is not closed before the end of the line' : 'a control character (such as a tab) must be escaped inside a string');
      if (code === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('\\u must be followed by 4 hex digits');
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) fail(`invalid escape \\${e ?? ''} in a string`);
        i += 2;
        continue;
      }
      i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-') fail(`invalid number starting at ${found()}`);
    i += m![0].length;
    if (text[i] === '.' || (text[i] !== undefined && /[0-9eE]/.test(text[i]))) fail(`invalid number (leading zero, or a dot without digits)`);
  };
  try {
    value(0);
    skipWs();
    if (i < text.length) fail(`unexpected ${found()} after the end of the JSON value`);
    return undefined;
  } catch (err) {
    if (typeof err === 'object' && err !== null && 'offset' in err) return err as { offset: number; reason: string };
    throw err;
  }
}
