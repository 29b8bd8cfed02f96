/**
 * @module inputs/accept
 * Which values the inputs of a scheme accept when data comes in — manual entry, API pushes, CSV
 * and JSON imports, the command line and the studio's grid all ask here, so they accept and
 * refuse exactly the same values. (Evaluation's own checks, `values.ts`, decide what a stored
 * value means for a score; this module decides whether it may be stored at all.)
 *
 * | declared input                 | accepted JSON value                                        |
 * |--------------------------------|------------------------------------------------------------|
 * | `number` / `integer`           | a number (whole for integer) within `minimum`/`maximum`     |
 * | `rating`                       | a number in range; with a `scale`, one of its points         |
 * | `rating` + `multiRater`        | `{ "<rater group>": [ratings…] }`, groups from `raters`     |
 * | `boolean`                      | `true` / `false`                                           |
 * | `enum`                         | one of the option values                                   |
 * | `text`                         | a string of at most 10,000 characters                      |
 *
 * `null` means "no value" (manual entry clears the stored value with it). Plain code rather than a
 * JSON Schema compiled at run time, so it runs in the browser under the CSP.
 */
import type { Input, Scheme } from '../../schemas/generated/scheme.ts';
import type { InputIssueCode } from './problems.ts';

/**
 * One refused value: the input key and what is wrong, in plain words, and the same as a code
 * with args (`where` is the place inside the value, e.g. `supervisor.0`).
 */
export interface InputIssue {
  key: string;
  message: string;
  code: InputIssueCode;
  args: Record<string, string | number>;
}

/** The longest text an input takes, in characters. */
export const MAX_INPUT_TEXT = 10_000;
/** The most ratings one rater group may give one person for one input. */
export const MAX_RATINGS = 500;

/** A problem found inside a value: where, the words and the code. */
interface Refusal {
  where: string[];
  message: string;
  code: InputIssueCode;
  args: Record<string, string | number>;
}

/**
 * Problems of a `{ key: value }` record (unknown keys included), at most one per input; empty when it is valid.
 * @example
 * acceptInputs(scheme, { complaints: -1 })
 * // [{ key: 'complaints', message: 'must be >= 0', code: 'below_minimum', args: { limit: 0 } }]
 */
export function acceptInputs(scheme: Scheme, values: Record<string, unknown>): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const key of Object.keys(values)) if (!Object.hasOwn(scheme.inputs, key)) issues.push(notAnInput(key, scheme));
  for (const [key, def] of Object.entries(scheme.inputs)) {
    if (!Object.hasOwn(values, key) || values[key] === null) continue;
    const refusal = refuse(def, scheme, values[key]);
    if (refusal) issues.push(issueOf(key, refusal));
  }
  return issues;
}

/**
 * Problems of one declared input's value (null is not a value here); empty when it is valid.
 * @example acceptInputValue(scheme, 'attitude', { supervisor: [11] }) // [{ key: 'attitude', message: 'supervisor.0 must be <= 10', … }]
 */
export function acceptInputValue(scheme: Scheme, key: string, value: unknown): InputIssue[] {
  if (!Object.hasOwn(scheme.inputs, key)) return [notAnInput(key, scheme)];
  const refusal = refuse(scheme.inputs[key], scheme, value);
  return refusal ? [issueOf(key, refusal)] : [];
}

function issueOf(key: string, r: Refusal): InputIssue {
  const where = r.where.join('.');
  return { key, message: where ? `${where} ${r.message}` : r.message, code: r.code, args: where ? { ...r.args, where } : r.args };
}

function notAnInput(key: string, scheme: Scheme): InputIssue {
  return { key, message: `"${key}" is not an input of scheme ${scheme.key}`, code: 'not_an_input', args: { input: key, scheme: scheme.key } };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first problem of a value, in the order people fix them: its kind, then its limits, then its parts. */
function refuse(def: Input, scheme: Scheme, value: unknown): Refusal | undefined {
  if (!def.multiRater) return refuseSingle(def, value, []);
  if (!isRecord(value)) return { where: [], message: 'must be object', code: 'must_be_ratings', args: { type: 'object' } };
  const groups = scheme.raters?.groups.map((g) => g.key) ?? ['all'];
  const given = Object.keys(value);
  if (given.length === 0) return { where: [], message: 'must NOT have fewer than 1 properties', code: 'no_ratings', args: { limit: 1 } };
  const unknown = given.find((g) => !groups.includes(g));
  if (unknown !== undefined) return { where: [], message: `has ratings from an unknown rater group "${unknown}"`, code: 'unknown_rater_group', args: { group: unknown } };
  for (const group of groups) {
    if (!Object.hasOwn(value, group)) continue;
    const ratings = value[group];
    if (!Array.isArray(ratings)) return { where: [group], message: 'must be array', code: 'must_be_ratings', args: { type: 'array' } };
    if (ratings.length > MAX_RATINGS) return { where: [group], message: `has more than ${MAX_RATINGS} items`, code: 'too_many_ratings', args: { limit: MAX_RATINGS } };
    for (let i = 0; i < ratings.length; i++) {
      const refusal = refuseSingle(def, ratings[i], [group, String(i)]);
      if (refusal) return refusal;
    }
  }
  return undefined;
}

function refuseSingle(def: Input, value: unknown, where: string[]): Refusal | undefined {
  const typed = (type: string, code: InputIssueCode): Refusal => ({ where, message: `must be ${type}`, code, args: {} });
  switch (def.type) {
    case 'number':
    case 'integer':
    case 'rating': {
      if (def.type === 'rating' && def.scale) {
        const points = def.scale.points.map((p) => p.value);
        return points.some((p) => p === value) ? undefined : oneOf(where, points, 'must_be_scale_point', 'points');
      }
      if (typeof value !== 'number' || !Number.isFinite(value)) return def.type === 'integer' ? typed('integer', 'must_be_integer') : typed('number', 'must_be_number');
      if (def.type === 'integer' && !Number.isInteger(value)) return typed('integer', 'must_be_integer');
      if (def.maximum !== undefined && value > def.maximum) return { where, message: `must be <= ${def.maximum}`, code: 'above_maximum', args: { limit: def.maximum } };
      if (def.minimum !== undefined && value < def.minimum) return { where, message: `must be >= ${def.minimum}`, code: 'below_minimum', args: { limit: def.minimum } };
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : typed('boolean', 'must_be_boolean');
    case 'enum': {
      const options = (def.options ?? []).map((o) => o.value);
      return options.some((o) => o === value) ? undefined : oneOf(where, options, 'must_be_option', 'options');
    }
    case 'text':
      if (typeof value !== 'string') return typed('string', 'must_be_text');
      // Characters as people count them: code points, not UTF-16 units.
      if (value.length > MAX_INPUT_TEXT && [...value].length > MAX_INPUT_TEXT) return { where, message: `must be at most ${MAX_INPUT_TEXT} characters`, code: 'text_too_long', args: { limit: MAX_INPUT_TEXT } };
      return undefined;
  }
  return undefined;
}

function oneOf(where: string[], allowed: readonly unknown[], code: 'must_be_scale_point' | 'must_be_option', arg: 'points' | 'options'): Refusal {
  const listed = allowed.map((v) => JSON.stringify(v)).join(', ');
  return { where, message: `must be one of: ${listed}`, code, args: { [arg]: listed } };
}
