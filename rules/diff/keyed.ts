/**
 * @module diff/keyed
 * Lists and maps of entities matched by key, never by array index: inserting an indicator
 * at the top must not read as "every indicator changed". Order changes are reported as moves
 * of the few entities that actually moved (those outside a longest run kept in order), and an
 * entity whose key changed but nothing else is reported as a rename.
 */
import { byCodeUnits, child, fieldOf, isObject, sameJson, type ChangeList, type JsonObject } from './changes.ts';
import { diffFields, type FieldOptions } from './fields.ts';
import type { ChangeEntity, ChangeSubject } from './types.ts';

/** How to match and describe the entries of one keyed list or map. */
export interface KeyedOptions extends Omit<FieldOptions, 'subject'> {
  /** What one entry is: 'indicator', 'band', 'populationValue' … */
  entity: ChangeEntity;
  /** The field that identifies an entry of a list ('key', or 'grade' for bands). */
  identity?: string;
  /** Further comparisons of an entry present on both sides (nested keyed lists and such). */
  also?: (out: ChangeList, a: JsonObject, b: JsonObject, pointerA: string, pointerB: string, owner: ChangeSubject) => void;
}

interface Entry {
  subject: ChangeSubject;
  uid: string;
  id: string;
  index: number;
  value: JsonObject;
}

/**
 * Diff two arrays of keyed objects.
 * @example
 * diffKeyedList(out, a.indicators, b.indicators, '/indicators', '/indicators', { entity: 'indicator', identity: 'key' })
 * // `indicator "close_rate" added`, `indicator "x" moved from position 2 to 4`, …
 */
export function diffKeyedList(out: ChangeList, a: readonly unknown[] | undefined, b: readonly unknown[] | undefined, pointerA: string, pointerB: string, options: KeyedOptions): void {
  const identity = options.identity ?? 'key';
  const before = entries(a ?? [], identity, options);
  const after = entries(b ?? [], identity, options);
  const inA = new Map(before.map((e) => [e.uid, e]));
  const inB = new Set(after.map((e) => e.uid));
  const renamedFrom = findRenames(before.filter((e) => !inB.has(e.uid)), after.filter((e) => !inA.has(e.uid)), identity);
  const matched = after.flatMap((e) => {
    const old = inA.get(e.uid) ?? renamedFrom.get(e.uid);
    return old ? [{ old, now: e }] : [];
  });
  const kept = longestKeptRun(matched.map((m) => m.old.index));
  const renamedOld = new Set([...renamedFrom.values()].map((e) => e.uid));

  let m = 0;
  for (const now of after) {
    const pb = child(pointerB, now.index);
    const pair = matched[m]?.now === now ? matched[m] : undefined;
    if (!pair) {
      out.add('added', pb, now.subject, { after: now.value });
      continue;
    }
    const { old } = pair;
    const pa = child(pointerA, old.index);
    if (old.uid !== now.uid) out.add('changed', child(pb, identity), fieldOf(old.subject, identity), { before: old.id, after: now.id, form: 'renamed' });
    if (!kept.has(m)) out.add('moved', pb, now.subject, { before: old.index + 1, after: now.index + 1 });
    m++;
    diffFields(out, old.value, now.value, pa, pb, { ...options, subject: now.subject, skip: [identity, ...(options.skip ?? [])] });
    options.also?.(out, old.value, now.value, pa, pb, now.subject);
  }
  for (const old of before) {
    if (!inB.has(old.uid) && !renamedOld.has(old.uid)) out.add('removed', child(pointerA, old.index), old.subject, { before: old.value });
  }
}

/**
 * Diff two objects used as maps of entities (inputs, params, quotas): entries in key order.
 * @example
 * diffKeyedMap(out, a.params, b.params, '/params', '/params', { entity: 'param', bareValue: 'value' })
 * // `param "target" 0.95 → 0.9`
 */
export function diffKeyedMap(out: ChangeList, a: object | undefined, b: object | undefined, pointerA: string, pointerB: string, options: KeyedOptions): void {
  const before = (a ?? {}) as Record<string, unknown>;
  const after = (b ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(byCodeUnits);
  for (const key of keys) {
    const subject: ChangeSubject = { entity: options.entity, key };
    const va = before[key];
    const vb = after[key];
    const pa = child(pointerA, key);
    const pb = child(pointerB, key);
    if (va === undefined && vb === undefined) continue;
    if (va === undefined) out.add('added', pb, subject, { after: vb });
    else if (vb === undefined) out.add('removed', pa, subject, { before: va });
    else if (isObject(va) && isObject(vb)) {
      diffFields(out, va, vb, pa, pb, { ...options, subject });
      options.also?.(out, va, vb, pa, pb, subject);
    } else if (!sameJson(va, vb)) out.add('changed', pb, subject, { before: va, after: vb });
  }
}

function entries(list: readonly unknown[], identity: string, { entity }: KeyedOptions): Entry[] {
  const seen = new Map<string, number>();
  return list.map((item, index) => {
    const value = isObject(item) ? item : {};
    const id = String(value[identity] ?? '');
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    // Duplicate keys are an analysis error, but the diff must still pair them up sensibly.
    const subject: ChangeSubject = n > 1 ? { entity, key: id, occurrence: n } : { entity, key: id };
    return { uid: `${id}\u0000${n}`, id, subject, index, value };
  });
}

/** Pairs a removed and an added entry that are identical apart from their key (new uid → old entry). */
function findRenames(removed: Entry[], added: Entry[], identity: string): Map<string, Entry> {
  const pairs = new Map<string, Entry>();
  const used = new Set<Entry>();
  for (const now of added) {
    const old = removed.find((e) => !used.has(e) && sameJson(withoutField(e.value, identity), withoutField(now.value, identity)));
    if (old) {
      used.add(old);
      pairs.set(now.uid, old);
    }
  }
  return pairs;
}

function withoutField(value: JsonObject, field: string): JsonObject {
  const { [field]: _omitted, ...rest } = value;
  return rest;
}

/**
 * Positions (in `seq`) of a longest strictly increasing subsequence: the entries that kept their
 * relative order. Everything else moved. Patience sorting, O(n log n).
 */
function longestKeptRun(seq: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]] < seq[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const kept = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) kept.add(i);
  return kept;
}
