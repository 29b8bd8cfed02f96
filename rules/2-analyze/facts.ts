/**
 * @module 2-analyze/facts
 * What analysis learns of a scheme's structure and hands on to compile, so neither finds it
 * twice: the content hash, every rule site, every data read (by site), what each rule reads by
 * namespace, and the evaluation order of indicators and population values. Not cached: a
 * designer may change a draft object in place between two analyses.
 */
import type { PopulationValue, Scheme } from '../../schemas/generated/scheme.ts';
import { hashScheme } from '../hash.ts';
import { collectVars } from '../logic/index.ts';
import { ruleSites, type RuleSite } from './sites.ts';
import type { VarUse } from './vars.ts';

/** Which data a rule reads, by namespace. */
export interface RuleRefs {
  inputs: Set<string>;
  params: Set<string>;
  indicators: Set<string>;
  population: Set<string>;
}

/** A node of the evaluation order. */
export type EvaluationStep = { kind: 'indicator'; key: string } | { kind: 'population'; key: string };

/** A rule site with the data it reads; `reads` is absent when the rule cannot even be walked. */
export interface SiteFacts {
  site: RuleSite;
  vars?: VarUse[];
  refs?: RuleRefs;
}

/** The structure of one scheme, as analysis found it. */
export interface SchemeFacts {
  hash: string;
  sites: SiteFacts[];
  /** Every data read, in document order. */
  vars: VarUse[];
  /** Site facts by rule pointer, e.g. `/indicators/0/score`. */
  at: ReadonlyMap<string, SiteFacts>;
  /** Indicators and population values in dependency order; indicators on a cycle are left out. */
  order: EvaluationStep[];
  /** Indicators left out of `order` because they depend on themselves. */
  cyclic: string[];
}

/**
 * The structure of a parsed scheme.
 * @example
 * const facts = schemeFacts(scheme);
 * facts.at.get('/indicators/0/score')?.refs?.inputs // Set { 'complaints' }
 * facts.order // [{ kind: 'indicator', key: 'complaints' }, …]
 */
export function schemeFacts(scheme: Scheme): SchemeFacts {
  const sites = ruleSites(scheme).map(siteFacts);
  return {
    hash: hashScheme(scheme),
    sites,
    vars: sites.flatMap((s) => s.vars ?? []),
    at: new Map(sites.map((s) => [s.site.pointer, s])),
    ...evaluationOrder(scheme, sites),
  };
}

/**
 * What one rule reads, by namespace (reads of an iteration's element included, as evaluation has
 * always reported them). Throws when the rule cannot be walked.
 * @example ruleRefs({ '/': [{ var: 'inputs.a' }, 2] }).inputs // Set { 'a' }
 */
export function ruleRefs(rule: unknown, vars: readonly { path: string }[] = collectVars(rule)): RuleRefs {
  const refs: RuleRefs = { inputs: new Set(), params: new Set(), indicators: new Set(), population: new Set() };
  for (const v of vars) {
    const [namespace, key] = v.path.split('.') as [string, string | undefined];
    if (key !== undefined && (namespace === 'inputs' || namespace === 'params' || namespace === 'indicators' || namespace === 'population')) refs[namespace].add(key);
  }
  return refs;
}

function siteFacts(site: RuleSite): SiteFacts {
  try {
    const found = collectVars(site.rule);
    const vars = found.map((v) => ({ site, path: v.path, pointer: site.pointer + v.pointer, dynamic: v.dynamic, scoped: v.scoped }));
    return { site, vars, refs: ruleRefs(site.rule, found) };
  } catch {
    // Compile reports why the rule cannot run; analysis reports it through the rule check.
    return { site };
  }
}

/** Kahn's algorithm over indicators and population values, keeping document order among equals. */
function evaluationOrder(scheme: Scheme, sites: readonly SiteFacts[]): Pick<SchemeFacts, 'order' | 'cyclic'> {
  const indicators = new Map<string, RuleRefs | undefined>();
  for (const s of sites) if (s.site.kind === 'indicator' && !indicators.has(s.site.indicator!)) indicators.set(s.site.indicator!, s.refs);
  const population = new Map<string, PopulationValue>((scheme.population?.values ?? []).map((v) => [v.key, v]));
  const nodes: EvaluationStep[] = [
    ...[...population.keys()].map((key) => ({ kind: 'population' as const, key })),
    ...[...indicators.keys()].map((key) => ({ kind: 'indicator' as const, key })),
  ];
  const id = (s: EvaluationStep) => `${s.kind}:${s.key}`;
  const deps = new Map<string, string[]>();
  for (const node of nodes) {
    if (node.kind === 'indicator') {
      const refs = indicators.get(node.key);
      deps.set(id(node), [
        ...[...(refs?.indicators ?? [])].filter((k) => indicators.has(k)).map((k) => `indicator:${k}`),
        ...[...(refs?.population ?? [])].filter((k) => population.has(k)).map((k) => `population:${k}`),
      ]);
    } else {
      const [namespace, key] = population.get(node.key)!.source.split('.');
      deps.set(id(node), namespace === 'indicators' && indicators.has(key) ? [`indicator:${key}`] : []);
    }
  }
  const done = new Set<string>();
  const order: EvaluationStep[] = [];
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const node of nodes) {
      if (done.has(id(node))) continue;
      if (deps.get(id(node))!.every((d) => done.has(d))) {
        done.add(id(node));
        order.push(node);
        progressed = true;
      }
    }
  }
  const cyclic = nodes.filter((n) => n.kind === 'indicator' && !done.has(id(n))).map((n) => n.key);
  return { order, cyclic };
}
