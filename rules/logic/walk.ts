/**
 * @module rules/logic/walk
 * An iterative, pre-order walk over a rule, so static checks survive rules nested 100,000
 * levels deep. Pointers are built only when asked for, each from its parent's, so they share
 * their prefixes instead of costing quadratic memory.
 */
import { escapeSegment } from './pointer.ts';
import { getOperator } from './registry.ts';
import { isLogicNode, operationParts } from './rule-shape.ts';

const NONE: readonly number[] = [];

interface Frame {
  readonly value: unknown;
  readonly depth: number;
  readonly literal: boolean;
  readonly scoped: boolean;
  readonly parent: Frame | null;
  /** Escaped pointer text this frame adds to its parent's (may hold two segments: `op/0`). */
  readonly step: string;
  /** The frame's pointer once asked for (see {@link pointerOf}). */
  pointer: string | undefined;
}

/** One value met by {@link walkRule}. */
export interface RuleVisit {
  readonly value: unknown;
  /** 1 for the rule itself; an operation's arguments are one level below it. */
  readonly depth: number;
  /** Inside an object that is not an operation: data that is never evaluated. */
  readonly literal: boolean;
  /** Inside a per-item argument (an operator's `scopedArgs`: map/filter/reduce/all/none/some's second). */
  readonly scoped: boolean;
  /** JSON Pointer of the value. */
  pointer(): string;
}

/** What a visitor answers: descend into the value, skip its children, or stop the walk. */
export type WalkDecision = 'descend' | 'skip' | 'stop';

/**
 * A frame's pointer, built once: its parent's plus one step. Built that way, pointers share
 * their prefix (JavaScript engines concatenate long strings by reference), so asking for the
 * pointer of every node of a 100,000-level rule costs linear time and memory, not quadratic.
 */
function pointerOf(frame: Frame): string {
  const unknown: Frame[] = [];
  let known: Frame | null = frame;
  while (known !== null && known.pointer === undefined) {
    unknown.push(known);
    known = known.parent;
  }
  let pointer = known === null ? '' : (known.pointer as string);
  for (let i = unknown.length - 1; i >= 0; i--) {
    const f = unknown[i] as Frame;
    pointer = f.parent === null ? '' : `${pointer}/${f.step}`;
    f.pointer = pointer;
  }
  return pointer;
}

/**
 * Visits every value of `rule` depth first, left to right, without recursion.
 * @example
 * walkRule({ '+': [1, { var: 'x' }] }, (v) => { console.log(v.pointer()); return 'descend'; });
 * // "", "/+/0", "/+/1", "/+/1/var"
 */
export function walkRule(rule: unknown, visit: (visit: RuleVisit) => WalkDecision): void {
  const stack: Frame[] = [{ value: rule, depth: 1, literal: false, scoped: false, parent: null, step: '', pointer: '' }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const decision = visit({ value: frame.value, depth: frame.depth, literal: frame.literal, scoped: frame.scoped, pointer: () => pointerOf(frame) });
    if (decision === 'stop') return;
    if (decision === 'skip') continue;
    const { value } = frame;
    const children: Frame[] = [];
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) children.push({ value: value[i], depth: frame.depth + 1, literal: frame.literal, scoped: frame.scoped, parent: frame, step: String(i), pointer: undefined });
    } else if (!frame.literal && isLogicNode(value)) {
      const { op, args, listed } = operationParts(value);
      const escaped = escapeSegment(op);
      const scopedArgs = getOperator(op)?.scopedArgs ?? NONE;
      for (let i = 0; i < args.length; i++) {
        const scoped = frame.scoped || scopedArgs.includes(i);
        children.push({ value: args[i], depth: frame.depth + 1, literal: false, scoped, parent: frame, step: listed ? `${escaped}/${i}` : escaped, pointer: undefined });
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) {
        children.push({ value: (value as Record<string, unknown>)[key], depth: frame.depth + 1, literal: true, scoped: frame.scoped, parent: frame, step: escapeSegment(key), pointer: undefined });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Frame);
  }
}
