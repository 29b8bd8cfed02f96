/**
 * @module designer/context
 * What every editor of the designer needs besides its own part of the document: the findings of
 * the document on screen (checked by the server as the user types, or those of the last save),
 * whether editing is allowed, and the names rules can read.
 */
import { getContext, setContext } from 'svelte';
import type { Scheme } from '../../../schemas/generated/scheme.ts';
import type { Finding } from '../lib/types.ts';

export interface DesignerContext {
  readonly doc: Scheme;
  readonly findings: Finding[];
  readonly readonly: boolean;
  /** Org positions (keys and names) for the weight matrix and the test panel. */
  readonly positions: Array<{ key: string; name: string }>;
}

const KEY = Symbol('designer');

export function setDesignerContext(ctx: DesignerContext): void {
  setContext(KEY, ctx);
}

export function designer(): DesignerContext {
  return getContext<DesignerContext>(KEY);
}

/** Variables a rule may read, as `{ var }` paths with a label: inputs, other indicators, population values. */
export function readableVars(doc: Scheme, exceptIndicator?: string): Array<{ path: string; label: string; group: 'inputs' | 'indicators' | 'population' }> {
  const out: Array<{ path: string; label: string; group: 'inputs' | 'indicators' | 'population' }> = [];
  for (const [key, def] of Object.entries(doc.inputs ?? {})) out.push({ path: `inputs.${key}`, label: def.title ? `${def.title} (${key})` : key, group: 'inputs' });
  for (const ind of doc.indicators ?? []) if (ind.key !== exceptIndicator) out.push({ path: `indicators.${ind.key}`, label: `${ind.title} (${ind.key})`, group: 'indicators' });
  for (const v of doc.population?.values ?? []) out.push({ path: `population.${v.key}`, label: v.title ? `${v.title} (${v.key})` : v.key, group: 'population' });
  return out;
}
