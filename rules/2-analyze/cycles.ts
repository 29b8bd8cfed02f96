/**
 * @module 2-analyze/cycles
 * Indicators must be computable in some order: no indicator may depend on itself through other
 * indicators (`indicators.x`) or through population values (a population value whose source is
 * `indicators.x`, read back by an indicator as `population.y`). Direct self-reads are reported by
 * the reference check, so only cycles of two or more nodes are reported here.
 */
import type { Scheme } from '../../schemas/generated/scheme.ts';
import { finding } from './codes.ts';
import { pointerTo } from './pointer.ts';
import type { Finding } from './types.ts';
import type { VarUse } from './vars.ts';

interface Node {
  /** How the cycle message names it: `a`, or `population.rank_a`. */
  name: string;
  pointer: string;
  edges: number[];
}

/**
 * Report one cycle per group of mutually dependent indicators.
 * @example
 * checkCycles(scheme, schemeFacts(scheme).vars) // ['Indicators form a cycle: a → b → a.']
 */
export function checkCycles(scheme: Scheme, vars: readonly VarUse[]): Finding[] {
  const nodes: Node[] = [];
  const indicatorNode = new Map<string, number>();
  const populationNode = new Map<string, number>();
  scheme.indicators.forEach((indicator, i) => {
    if (!indicatorNode.has(indicator.key)) indicatorNode.set(indicator.key, nodes.push({ name: indicator.key, pointer: pointerTo('/indicators', i, 'score'), edges: [] }) - 1);
  });
  scheme.population?.values?.forEach((value, i) => {
    if (!populationNode.has(value.key)) populationNode.set(value.key, nodes.push({ name: `population.${value.key}`, pointer: pointerTo('/population/values', i), edges: [] }) - 1);
  });
  const link = (from: number | undefined, to: number | undefined) => {
    if (from !== undefined && to !== undefined && from !== to && !nodes[from].edges.includes(to)) nodes[from].edges.push(to);
  };
  for (const use of vars) {
    if (use.scoped || use.dynamic || use.site.kind !== 'indicator' || use.site.indicator === undefined) continue;
    const [namespace, key] = use.path.split('.');
    const from = indicatorNode.get(use.site.indicator);
    if (namespace === 'indicators') link(from, indicatorNode.get(key));
    else if (namespace === 'population') link(from, populationNode.get(key));
  }
  for (const value of scheme.population?.values ?? []) {
    const [namespace, key] = value.source.split('.');
    if (namespace === 'indicators') link(populationNode.get(value.key), indicatorNode.get(key));
  }
  return stronglyConnected(nodes)
    .filter((component) => component.length > 1)
    .map((component) => {
      const start = Math.min(...component);
      const cycle = shortestCycle(nodes, start, new Set(component)).map((n) => nodes[n].name);
      return finding('indicator_cycle', nodes[start].pointer, { cycle });
    });
}

/** Tarjan's algorithm; components come out in a deterministic order for a given graph. */
function stronglyConnected(nodes: readonly Node[]): number[][] {
  const index = new Array<number>(nodes.length).fill(-1);
  const low = new Array<number>(nodes.length).fill(0);
  const onStack = new Array<boolean>(nodes.length).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  const visit = (v: number) => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = true;
    for (const w of nodes[v].edges) {
      if (index[w] === -1) {
        visit(w);
        low[v] = Math.min(low[v], low[w]);
      } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
    }
    if (low[v] === index[v]) {
      const component: number[] = [];
      let w: number;
      do {
        w = stack.pop() as number;
        onStack[w] = false;
        component.push(w);
      } while (w !== v);
      components.push(component);
    }
  };
  for (let v = 0; v < nodes.length; v++) if (index[v] === -1) visit(v);
  return components.sort((a, b) => Math.min(...a) - Math.min(...b));
}

/** Breadth-first: the shortest way from `start` back to itself inside the component, as a closed path. */
function shortestCycle(nodes: readonly Node[], start: number, within: ReadonlySet<number>): number[] {
  const previous = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const w of [...nodes[v].edges].sort((a, b) => a - b)) {
      if (!within.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = previous.get(u) as number) path.push(u);
        return [start, ...path.slice(1).reverse(), start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
