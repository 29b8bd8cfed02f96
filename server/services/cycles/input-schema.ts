/**
 * @module services/cycles/input-schema
 * A JSON Schema for the inputs a scheme version declares, generated once per version and used by
 * every way data comes in (manual entry, API pushes, CSV and JSON imports), so they all accept
 * and refuse exactly the same values.
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
 * `null` means "no value" (manual entry clears the stored value with it).
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Input, Scheme } from '../../../schemas/generated/scheme.ts';
import { describeAjvErrors, type ParseIssue } from '../../../rules/1-parse/parse.ts';
import type { JsonSchema } from '../../domain/json-schema.ts';
import type { InputIssueCode } from '../../../rules/inputs/problems.ts';

/**
 * One refused value: the input key and what is wrong, in plain words, and the same as a code
 * with args (see `import-errors.ts`; `where` is the place inside the value, e.g. `supervisor.0`).
 */
export interface InputIssue {
  key: string;
  message: string;
  code: InputIssueCode;
  args: Record<string, string | number>;
}

/** Validators for one scheme version: the whole record, and each input alone (for CSV cells). */
export interface InputValidator {
  schema: JsonSchema;
  /** Problems of a `{ key: value }` record (unknown keys included); empty when it is valid. */
  check(values: Record<string, unknown>): InputIssue[];
  /** Problems of one declared input's value; empty when valid. */
  checkOne(key: string, value: unknown): InputIssue[];
}

const MAX_TEXT = 10_000;
const MAX_RATINGS = 500;

const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });
// Versions are immutable, so a validator keyed by content hash never goes stale.
const cache = new Map<string, InputValidator>();
const CACHE_LIMIT = 100;

/**
 * The JSON Schema of one declared input's value.
 * @example
 * inputValueSchema({ type: 'integer', minimum: 0 }, scheme) // { type: 'integer', minimum: 0 }
 */
export function inputValueSchema(def: Input, scheme: Scheme): JsonSchema {
  if (def.multiRater) {
    const groups = scheme.raters?.groups.map((g) => g.key) ?? ['all'];
    const ratings = { type: 'array', maxItems: MAX_RATINGS, items: singleValueSchema({ ...def, multiRater: false }) };
    return { type: 'object', additionalProperties: false, minProperties: 1, properties: Object.fromEntries(groups.map((g) => [g, ratings])) };
  }
  return singleValueSchema(def);
}

function singleValueSchema(def: Input): JsonSchema {
  const range = { ...(def.minimum !== undefined ? { minimum: def.minimum } : {}), ...(def.maximum !== undefined ? { maximum: def.maximum } : {}) };
  switch (def.type) {
    case 'number':
      return { type: 'number', ...range };
    case 'integer':
      return { type: 'integer', ...range };
    case 'rating':
      return def.scale ? { enum: def.scale.points.map((p) => p.value) } : { type: 'number', ...range };
    case 'boolean':
      return { type: 'boolean' };
    case 'enum':
      return { enum: (def.options ?? []).map((o) => o.value) };
    case 'text':
      return { type: 'string', maxLength: MAX_TEXT };
  }
}

/**
 * The JSON Schema of a whole `{ key: value | null }` record for a scheme.
 * @example
 * inputsJsonSchema(scheme).properties.complaints // { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }] }
 */
export function inputsJsonSchema(scheme: Scheme): JsonSchema {
  const properties = Object.fromEntries(Object.entries(scheme.inputs).map(([key, def]) => [key, { anyOf: [inputValueSchema(def, scheme), { type: 'null' }] }]));
  return { type: 'object', additionalProperties: false, properties };
}

/**
 * The (cached) validator for a scheme version.
 * @example
 * inputValidator(scheme, version.content_hash).check({ complaints: -1 })
 * // [{ key: 'complaints', message: 'must be >= 0' }]
 */
export function inputValidator(scheme: Scheme, contentHash: string): InputValidator {
  const hit = cache.get(contentHash);
  if (hit) return hit;
  const schema = inputsJsonSchema(scheme);
  const whole = ajv.compile(schema);
  const single = new Map<string, ValidateFunction>();
  const validator: InputValidator = {
    schema,
    check(values) {
      if (whole(values)) return [];
      return issuesOf(whole, scheme);
    },
    checkOne(key, value) {
      if (!Object.hasOwn(scheme.inputs, key)) return [notAnInput(key, scheme)];
      let validate = single.get(key);
      if (!validate) single.set(key, (validate = ajv.compile(inputValueSchema(scheme.inputs[key], scheme))));
      return validate(value) ? [] : issuesOf(validate, scheme, key);
    },
  };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(contentHash, validator);
  return validator;
}

/** ajv's errors as one message per input; `anyOf` noise (the null branch) is dropped. */
function issuesOf(validate: ValidateFunction, scheme: Scheme, onlyKey?: string): InputIssue[] {
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'anyOf' && !(e.keyword === 'type' && e.params.type === 'null'));
  const out = new Map<string, InputIssue>();
  for (const issue of describeAjvErrors(errors)) {
    const segments = issue.pointer.split('/').slice(1);
    const unknown = /^has an unknown field "(.*)"$/.exec(issue.message);
    if (onlyKey === undefined && segments.length === 0 && unknown) {
      out.set(unknown[1], notAnInput(unknown[1], scheme));
      continue;
    }
    const key = onlyKey ?? segments[0] ?? '(inputs)';
    if (out.has(key)) continue;
    const where = (onlyKey === undefined ? segments.slice(1) : segments).join('.');
    const def = Object.hasOwn(scheme.inputs, key) ? scheme.inputs[key] : undefined;
    const unknownGroup = unknown && where === '' && def?.multiRater ? unknown[1] : undefined;
    const message = unknownGroup !== undefined ? `has ratings from an unknown rater group "${unknownGroup}"` : issue.message;
    const coded = unknownGroup !== undefined ? { code: 'unknown_rater_group' as const, args: { group: unknownGroup } } : codeOf(issue, errors, def);
    out.set(key, { key, message: where ? `${where} ${message}` : message, code: coded.code, args: where ? { ...coded.args, where } : coded.args });
  }
  return [...out.values()];
}

function notAnInput(key: string, scheme: Scheme): InputIssue {
  return { key, message: `"${key}" is not an input of scheme ${scheme.key}`, code: 'not_an_input', args: { input: key, scheme: scheme.key } };
}

/**
 * The code and args of one described ajv issue, from the ajv error it was described from (its
 * params hold the limit or the allowed values). A keyword without a code of its own keeps its
 * words as `detail`, so the message can still be shown whole.
 */
function codeOf(issue: ParseIssue, errors: readonly ErrorObject[], def: Input | undefined): { code: InputIssueCode; args: Record<string, string | number> } {
  const source = errors.find((e) => e.keyword === issue.keyword && e.instancePath === issue.pointer);
  const params = (source?.params ?? {}) as Record<string, unknown>;
  const limit = Number(params.limit);
  switch (source ? issue.keyword : undefined) {
    case 'type': {
      const types: Record<string, InputIssueCode> = { number: 'must_be_number', integer: 'must_be_integer', boolean: 'must_be_boolean', string: 'must_be_text' };
      const type = String(params.type);
      if (Object.hasOwn(types, type)) return { code: types[type], args: {} };
      if (type === 'object' || type === 'array') return { code: 'must_be_ratings', args: { type } };
      break;
    }
    case 'minimum':
      return { code: 'below_minimum', args: { limit } };
    case 'maximum':
      return { code: 'above_maximum', args: { limit } };
    case 'exclusiveMinimum':
      return { code: 'not_above', args: { limit } };
    case 'exclusiveMaximum':
      return { code: 'not_below', args: { limit } };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      // A rating's enum is its scale; any other enum is an option list.
      return def?.type === 'rating' ? { code: 'must_be_scale_point', args: { points: allowed } } : { code: 'must_be_option', args: { options: allowed } };
    }
    case 'maxLength':
      return { code: 'text_too_long', args: { limit } };
    case 'maxItems':
      return { code: 'too_many_ratings', args: { limit } };
    case 'minProperties':
      return { code: 'no_ratings', args: { limit } };
  }
  return { code: 'value_invalid', args: { detail: issue.message } };
}
