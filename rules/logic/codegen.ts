/**
 * @module rules/logic/codegen
 * The fast evaluator: a rule becomes the source of one JavaScript function, built once with
 * `new Function`. Safety rests on what may enter the source: identifiers the generator makes
 * up (k0 for runtime values, d0 for data, t0 temporaries, r0 hoisted reads, c the budget),
 * numbers it formats itself, and strings only as JSON.stringify'd literals. Operator names,
 * keys and paths from the rule never become identifiers or code.
 *
 * Static `var` paths are read once per evaluation, hoisted to the top of their function, as
 * chains of own-property reads with the key as a string constant:
 * `r0 = typeof d0 === "object" && d0 !== null ? (k1.call(d0, "inputs") ? d0["inputs"] : undefined) : k2(d0, "inputs")`
 * (k1 is Object.prototype.hasOwnProperty, k2 handles strings and the rest). Reads never throw
 * and have no effect, so reading a path a branch does not take changes nothing.
 *
 * Generated code stays linear in the rule and shallow: paths longer than
 * {@link MAX_UNROLLED_SEGMENTS} are read by one call to a reader that loops, and operations with
 * more than {@link MAX_INLINE_ARGS} arguments call their registry entry with a flat list instead
 * of an inlined chain (`a || b || …` nests one level per argument, and thousands of levels
 * overflow the engine's parser). The function is parenthesised so V8 compiles it when it is built,
 * not at its first call, and any engine limit met while running (a RangeError) is answered by the
 * closure evaluator, which has the same semantics.
 */
import { isYardstickError } from '../errors.ts';
import { truthy } from './coerce.ts';
import { forbiddenSegment, HAS_OWN_PROPERTY, ownValue, pathReader } from './data-access.ts';
import { kindOf, K_ARRAY, K_BOOLEAN, type KindMask } from './kinds.ts';
import { createContext } from './limits.ts';
import type { CodegenSite } from './operator.ts';
import type { LogicNode, OperationNode } from './parse.ts';
import type { LogicLimits } from './types.ts';
import { asYardstickError } from './validate.ts';

/** Longest path read by unrolled own-property steps; longer ones go through {@link pathReader}. */
export const MAX_UNROLLED_SEGMENTS = 8;

/** Most arguments an operator's inline code is generated for; beyond, the generic call (flat, not nested). */
export const MAX_INLINE_ARGS = 16;

interface Code {
  readonly code: string;
  readonly kind: KindMask;
}

/** One generated function (the rule, or the per-item argument of a lazy operator). */
class Scope {
  readonly temps: string[] = [];
  readonly reads: string[] = [];
  readonly readIds = new Map<string, string>();
  constructor(readonly data: string) {}
}

/** A generated evaluator and its source (kept for tests and debugging). */
export interface GeneratedEvaluator {
  readonly evaluate: (data: unknown) => unknown;
  readonly source: string;
}

/** A JS literal for a number, keeping -0, NaN and ±Infinity without relying on global names. */
function numberLiteral(value: number): string {
  if (Number.isNaN(value)) return '(0/0)';
  if (value === Infinity) return '(1/0)';
  if (value === -Infinity) return '(-1/0)';
  if (Object.is(value, -0)) return '(-0)';
  return value < 0 ? `(${String(value)})` : String(value);
}

class Generator {
  readonly refs: unknown[] = [];
  private readonly refIds = new Map<unknown, string>();
  private counter = 0;
  usesContext = false;

  fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  ref(value: unknown): string {
    let id = this.refIds.get(value);
    if (id === undefined) {
      id = `k${this.refs.length}`;
      this.refs.push(value);
      this.refIds.set(value, id);
    }
    return id;
  }

  literal(value: unknown): string {
    switch (typeof value) {
      case 'number':
        return numberLiteral(value);
      case 'string':
        return JSON.stringify(value);
      case 'boolean':
        return String(value);
      case 'undefined':
        return '(void 0)';
      default:
        return value === null ? 'null' : this.ref(value);
    }
  }

  truthy(expr: string, kind: KindMask): string {
    if (kind === K_BOOLEAN) return expr;
    if ((kind & K_ARRAY) === 0) return `(!!${expr})`;
    if (kind === K_ARRAY) return `(${expr}.length !== 0)`;
    return `${this.ref(truthy)}(${expr})`;
  }

  /** Identifier holding the value at `segments` under the scope's data (undefined when absent). */
  readPath(scope: Scope, segments: readonly string[]): string {
    // Unchecked own-property reads are only for paths without forbidden keys; operators must not ask for others.
    const forbidden = forbiddenSegment(segments);
    if (forbidden !== undefined) throw new Error(`codegen: refusing a static read of the forbidden key ${JSON.stringify(forbidden)}`);
    if (segments.length > MAX_UNROLLED_SEGMENTS) {
      // One hoisted call per distinct long path: unrolling would declare a variable per segment.
      const key = JSON.stringify(segments);
      let id = scope.readIds.get(key);
      if (id === undefined) {
        id = this.fresh('r');
        scope.reads.push(`${id} = ${this.ref(pathReader(segments))}(${scope.data})`);
        scope.readIds.set(key, id);
      }
      return id;
    }
    let base = scope.data;
    let key = '';
    for (const segment of segments) {
      const name = JSON.stringify(segment);
      key += `${name},`;
      let id = scope.readIds.get(key);
      if (id === undefined) {
        id = this.fresh('r');
        // Objects inline (the hot case: employee records); strings and the rest go through ownValue.
        const own = `${this.ref(HAS_OWN_PROPERTY)}.call(${base}, ${name}) ? ${base}[${name}] : undefined`;
        scope.reads.push(`${id} = typeof ${base} === "object" && ${base} !== null ? (${own}) : ${this.ref(ownValue)}(${base}, ${name})`);
        scope.readIds.set(key, id);
      }
      base = id;
    }
    return base;
  }

  expr(node: LogicNode, scope: Scope): Code {
    switch (node.kind) {
      case 'literal':
        return { code: this.literal(node.value), kind: kindOf(node.value) };
      case 'array':
        return { code: `[${node.items.map((item) => this.expr(item, scope).code).join(', ')}]`, kind: K_ARRAY };
      default:
        return this.operation(node, scope);
    }
  }

  /** `(dN) => …`: argument evaluated against its own data, for lazy operators. */
  arrow(node: LogicNode): Code {
    const scope = new Scope(this.fresh('d'));
    const body = this.expr(node, scope);
    return { code: `((${scope.data}) => {${declarations(scope)} return ${body.code}; })`, kind: body.kind };
  }

  private operation(node: OperationNode, scope: Scope): Code {
    const { spec } = node;
    const args: (Code | undefined)[] = [];
    const arg = (i: number): Code => (args[i] ??= this.expr(node.args[i] as LogicNode, scope));
    const site: CodegenSite = {
      argCount: node.args.length,
      arg: (i) => arg(i).code,
      argKind: (i) => arg(i).kind,
      argLiteral: (i) => {
        const a = node.args[i];
        return a?.kind === 'literal' ? { value: a.value } : undefined;
      },
      ref: (value) => this.ref(value),
      temp: () => {
        const t = this.fresh('t');
        scope.temps.push(t);
        return t;
      },
      context: () => {
        this.usesContext = true;
        return 'c';
      },
      data: scope.data,
      truthy: (expr, kind) => this.truthy(expr, kind),
      readPath: (segments) => this.readPath(scope, segments),
      scoped: (i) => this.arrow(node.args[i] as LogicNode).code,
      literal: (value) => this.literal(value),
    };
    const kinds = (): KindMask[] => node.args.map((_, i) => arg(i).kind);
    const returns = (): KindMask => (typeof spec.returns === 'number' ? spec.returns : spec.returns(kinds()));
    const fast = node.args.length <= MAX_INLINE_ARGS ? spec.compile?.(site) : undefined;
    if (typeof fast === 'string') return { code: `(${fast})`, kind: returns() };
    if (fast !== undefined) return { code: `(${fast.code})`, kind: fast.kind };
    this.usesContext = true;
    if (!spec.lazy) {
      return { code: `${this.ref(spec.apply)}([${node.args.map((_, i) => arg(i).code).join(', ')}], c, ${scope.data})`, kind: returns() };
    }
    const arrows = node.args.map((a) => this.arrow(a));
    const kind = typeof spec.returns === 'number' ? spec.returns : spec.returns(arrows.map((a) => a.kind));
    return { code: `${this.ref(spec.run)}([${arrows.map((a) => a.code).join(', ')}], ${scope.data}, c)`, kind };
  }
}

function declarations(scope: Scope): string {
  const temps = scope.temps.length > 0 ? ` let ${scope.temps.join(', ')};` : '';
  const reads = scope.reads.length > 0 ? ` const ${scope.reads.join(', ')};` : '';
  return temps + reads;
}

/** Errors that mean the engine ran out of room (V8's stack overflow is a RangeError), not that the rule failed. */
function isEngineLimit(error: unknown): boolean {
  return !isYardstickError(error) && (error instanceof RangeError || (error instanceof Error && error.name === 'InternalError'));
}

/**
 * Generates and builds the evaluator of a parsed (and folded) rule; evaluation errors come out
 * as YardstickErrors, and a call that meets an engine limit is answered by `fallback` (the
 * closure evaluator of the same rule, built on first need). Building throws whatever
 * `new Function` throws, e.g. EvalError under a Content-Security-Policy without 'unsafe-eval',
 * or a RangeError when the engine cannot compile the source.
 * @example
 * generateEvaluator(parseRule({ '+': [{ var: 'a' }, 1] }), DEFAULT_LIMITS, () => () => null).evaluate({ a: 2 }) // 3
 */
export function generateEvaluator(root: LogicNode, limits: LogicLimits, fallback: () => (data: unknown) => unknown): GeneratedEvaluator {
  const generator = new Generator();
  const scope = new Scope(generator.fresh('d'));
  const body = generator.expr(root, scope);
  const context = generator.usesContext ? ` const c = ${generator.ref(createContext)}(${generator.ref(limits)});` : '';
  let closure: ((data: unknown) => unknown) | undefined;
  const recover = (error: unknown, data: unknown): unknown => {
    if (!isEngineLimit(error)) throw asYardstickError(error);
    return (closure ??= fallback())(data);
  };
  // The try/catch lives in each generated function: a shared wrapper's call site would turn megamorphic.
  const rescue = generator.ref(recover);
  const bindings = generator.refs.map((_, i) => `k${i} = k[${i}]`);
  const source = [
    '"use strict";',
    bindings.length > 0 ? `const ${bindings.join(', ')};` : '',
    // Parenthesised: V8 compiles it now, so a rule too big for the engine fails here, where compileLogic falls back.
    `return (function evaluate(${scope.data}) { try {${context}${declarations(scope)} return ${body.code}; } catch (e) { return ${rescue}(e, ${scope.data}); } });`,
  ].join('\n');
  const build = new Function('k', source) as (refs: readonly unknown[]) => (data: unknown) => unknown;
  return { evaluate: build(generator.refs), source };
}
