/**
 * @module inputs/values
 * Checking and preparing one employee's inputs against the scheme's declared inputs:
 * type and range checks, defaults, and the aggregation of multi-rater ratings.
 */
import type { Input, Raters, Scheme } from '../../schemas/generated/scheme.ts';
import { englishText, formatNumber, say, shared } from '../4-evaluate/messages.ts';
import type { Message } from '../4-evaluate/result.ts';

export { formatNumber };

/** Why an input cannot be used. */
export interface InputProblem {
  status: 'missing-input' | 'out-of-range';
  message: string;
  /** `message` as a code and args. */
  why: Message;
}

/** Inputs ready for rules, plus what was wrong and how multi-rater values were formed. */
export interface PreparedInputs {
  values: Record<string, unknown>;
  problems: Record<string, InputProblem>;
  notes: Record<string, string>;
  /** Per noted input, the note as a code and args; its English is "<key>: <note>". */
  noteMessages: Record<string, Message>;
}

/** Ratings of one multi-rater input: group key → the individual ratings. */
export type RatingsByGroup = Record<string, Array<number | null>>;

/** Per input and rater group, the mean over peers, used by the `peer-mean` fallback. */
export type RaterPeerMeans = Record<string, Record<string, number>>;

/**
 * Validate and prepare raw input values for evaluation.
 * @example
 * prepareInputs(scheme, { complaints: 3, attitude: { supervisor: [8], peer: [7, 9] } })
 * // { values: { complaints: 3, attitude: 8.15 }, problems: {}, notes: { attitude: 'supervisor 8 × 50% + peer 8 × 50% …' } }
 */
export function prepareInputs(scheme: Scheme, raw: Record<string, unknown>, peerMeans?: RaterPeerMeans, inputDefs: ReadonlyArray<readonly [string, Input]> = Object.entries(scheme.inputs)): PreparedInputs {
  // Problems and notes are rare: they share frozen empty records until the first one is written.
  const out: PreparedInputs = { values: Object.create(null), problems: NONE as Record<string, InputProblem>, notes: NONE as Record<string, string>, noteMessages: NONE as Record<string, Message> };
  for (const [key, def] of inputDefs) {
    let value = Object.hasOwn(raw, key) ? raw[key] : undefined;
    if (def.multiRater && value !== null && typeof value === 'object') {
      const aggregated = aggregateRatings(key, def, scheme.raters, value as RatingsByGroup | number[], peerMeans?.[key]);
      if ('problem' in aggregated) {
        setProblem(out, key, aggregated.problem);
        out.values[key] = null;
        continue;
      }
      setNote(out, key, aggregated.note, aggregated.why);
      value = aggregated.value;
    }
    if (value === undefined || value === null || value === '') {
      if (def.default !== undefined) {
        out.values[key] = def.default;
        const message = defaultUsed(key, def);
        setNote(out, key, DEFAULT_NOTES.get(message)!, message);
      } else {
        out.values[key] = null;
        if (def.required !== false) setProblem(out, key, problem('missing-input', say('input_missing', { input: key })));
      }
      continue;
    }
    const check = checkInputValue(key, def, value);
    if (check) setProblem(out, key, check);
    out.values[key] = value;
  }
  return out;
}

/**
 * Check one value against its declaration; undefined when it is acceptable.
 * @example checkInputValue('rate', { type: 'number', maximum: 100 }, 120) // { status: 'out-of-range', … }
 */
export function checkInputValue(key: string, def: Input, value: unknown): InputProblem | undefined {
  const input = key;
  switch (def.type) {
    case 'number':
    case 'integer':
    case 'rating': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return outOfRange(say('input_not_number', { input, value: String(JSON.stringify(value)) }));
      if (def.type === 'integer' && !Number.isInteger(value)) return outOfRange(say('input_not_integer', { input, value: String(value) }));
      if (def.minimum !== undefined && value < def.minimum) return outOfRange(say('input_below_minimum', { input, value: String(value), minimum: String(def.minimum) }));
      if (def.maximum !== undefined && value > def.maximum) return outOfRange(say('input_above_maximum', { input, value: String(value), maximum: String(def.maximum) }));
      if (def.type === 'rating' && def.scale && !def.multiRater && !def.scale.points.some((p) => p.value === value))
        return outOfRange(say('input_not_on_scale', { input, value: String(value), points: def.scale.points.map((p) => p.value).join(', ') }));
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : outOfRange(say('input_not_boolean', { input, value: String(JSON.stringify(value)) }));
    case 'enum':
      return def.options?.some((o) => o.value === value)
        ? undefined
        : outOfRange(say('input_not_option', { input, value: String(JSON.stringify(value)), options: (def.options ?? []).map((o) => JSON.stringify(o.value)).join(', ') }));
    case 'text':
      return typeof value === 'string' ? undefined : outOfRange(say('input_not_text', { input }));
  }
}

const NONE: Readonly<Record<string, never>> = Object.freeze(Object.create(null));

function setProblem(out: PreparedInputs, key: string, problem: InputProblem): void {
  if (out.problems === NONE) out.problems = Object.create(null);
  out.problems[key] = problem;
}

function setNote(out: PreparedInputs, key: string, note: string, why: Message): void {
  if (out.notes === NONE) {
    out.notes = Object.create(null);
    out.noteMessages = Object.create(null);
  }
  out.notes[key] = note;
  out.noteMessages[key] = why;
}

// Per input declaration, the one frozen "default used" message (and its note) every employee
// without a value shares.
const DEFAULT_USED = new WeakMap<Input, Message>();
const DEFAULT_NOTES = new WeakMap<Message, string>();
function defaultUsed(key: string, def: Input): Message {
  let message = DEFAULT_USED.get(def);
  const value = JSON.stringify(def.default);
  if (!message || message.args.input !== key || message.args.value !== value) {
    message = shared(say('input_default', { input: key, value }));
    DEFAULT_USED.set(def, message);
    DEFAULT_NOTES.set(message, `not given; default ${value} used`);
  }
  return message;
}

function problem(status: InputProblem['status'], why: Message): InputProblem {
  return { status, message: englishText(why), why };
}

function outOfRange(why: Message): InputProblem {
  return problem('out-of-range', why);
}

type Aggregated = { value: number; note: string; why: Message } | { problem: InputProblem };

/**
 * Mean within each rater group, then the weighted mean across groups. A group with fewer
 * ratings than its minimum is handled by the scheme's fallback.
 */
function aggregateRatings(key: string, def: Input, raters: Raters | undefined, given: RatingsByGroup | number[], peerMeans?: Record<string, number>): Aggregated {
  const groups = raters?.groups ?? [{ key: 'all', weight: 100 }];
  const byGroup: RatingsByGroup = Array.isArray(given) ? { [groups.length === 1 ? groups[0].key : 'all']: given } : given;
  if (Array.isArray(given) && groups.length > 1) {
    return { problem: problem('missing-input', say('ratings_need_groups', { input: key, groups: groups.map((g) => g.key).join(', ') })) };
  }
  for (const g of Object.keys(byGroup)) {
    if (!groups.some((x) => x.key === g)) return { problem: outOfRange(say('ratings_unknown_group', { input: key, group: g })) };
  }
  const parts: Array<{ group: string; weight: number; mean: number; count: number; substituted?: boolean }> = [];
  const dropped: Message[] = [];
  for (const g of groups) {
    const ratings = (Object.hasOwn(byGroup, g.key) ? byGroup[g.key] : []).filter((r): r is number => r !== null && r !== undefined);
    for (const r of ratings) {
      const problem = checkInputValue(key, { ...def, multiRater: false }, r);
      if (problem) return { problem };
    }
    const minimum = g.minRaters ?? raters?.minRaters ?? 1;
    if (ratings.length >= minimum && ratings.length > 0) {
      parts.push({ group: g.key, weight: g.weight, mean: ratings.reduce((a, b) => a + b, 0) / ratings.length, count: ratings.length });
      continue;
    }
    const fallback = raters?.fallback ?? 'renormalize';
    const short = { group: g.key, count: ratings.length, minimum };
    if (fallback === 'missing') return { problem: problem('missing-input', say('ratings_too_few', { input: key, ...short })) };
    if (fallback === 'peer-mean') {
      const peer = peerMeans?.[g.key];
      if (peer === undefined) return { problem: problem('missing-input', say('ratings_too_few_no_peer_mean', { input: key, ...short })) };
      parts.push({ group: g.key, weight: g.weight, mean: peer, count: 0, substituted: true });
      continue;
    }
    dropped.push(say('rater_group_short', short));
  }
  const totalWeight = parts.reduce((a, p) => a + p.weight, 0);
  if (parts.length === 0 || totalWeight === 0) {
    return { problem: problem('missing-input', say('ratings_no_group', dropped.length ? { input: key, short: dropped } : { input: key })) };
  }
  // Σ(mean × weight) / Σweight, dividing once: term-by-term division leaves float noise
  // (9 × 60% + 8 × 40% would be 8.600000000000001 and fail a rule "> 8.6" wrongly).
  const value = parts.reduce((a, p) => a + p.mean * p.weight, 0) / totalWeight;
  const described = parts.map((p) =>
    p.substituted
      ? say('rater_peer_mean', { group: p.group, mean: p.mean, share: (p.weight / totalWeight) * 100 })
      : say('rater_mean', { group: p.group, mean: p.mean, count: p.count, share: (p.weight / totalWeight) * 100 }),
  );
  const why = say('input_aggregated', dropped.length ? { input: key, parts: described, value, short: dropped } : { input: key, parts: described, value });
  // The note reads without the key (prepareInputs' own API); the message, like a result note, with it.
  const note = englishText(why).slice(key.length + 2);
  return { value, note, why };
}
