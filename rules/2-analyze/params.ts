/**
 * @module 2-analyze/params
 * Parameters are filled and well-typed, and nothing is declared for nothing: unused parameters
 * and population values are noted, unused inputs warned about (someone would be asked to
 * collect them). A template (`template: true`) may ship blank parameters — the department's
 * copy must fill them — so there a blank is only a note.
 */
import type { Param, Scheme } from '../../schemas/generated/scheme.ts';
import { finding } from './codes.ts';
import { pointerTo } from './pointer.ts';
import type { Finding } from './types.ts';
import type { VarUse } from './vars.ts';

/**
 * Check parameter values and report declarations nothing reads.
 * @example
 * checkParams(scheme, schemeFacts(scheme).vars) // ['Parameter "target" has no value; fill it before publishing.']
 */
export function checkParams(scheme: Scheme, vars: readonly VarUse[]): Finding[] {
  const out: Finding[] = [];
  const template = scheme.template === true;
  for (const [key, param] of Object.entries(scheme.params ?? {})) {
    const at = pointerTo('/params', key);
    if (param.value === undefined) out.push(finding('param_unfilled', at, { param: key, template }, template ? 'info' : 'error'));
    else {
      const actual = describeValue(param.value);
      const declared = param.type ?? 'number';
      if (!fits(declared, param.value)) out.push(finding('param_type_mismatch', pointerTo(at, 'value'), { param: key, declared, actual }));
    }
  }
  // A computed path could read anything, so "unused" cannot be claimed once there is one.
  if (vars.some((v) => v.dynamic && !v.scoped)) return out;
  const read = new Set(vars.filter((v) => !v.scoped).map((v) => v.path.split('.').slice(0, 2).join('.')));
  for (const value of scheme.population?.values ?? []) read.add(value.source);
  for (const tie of scheme.population?.distribution?.tieBreak ?? []) read.add(tie.source);
  for (const key of Object.keys(scheme.params ?? {})) if (!read.has(`params.${key}`)) out.push(finding('unused_param', pointerTo('/params', key), { param: key }));
  for (const key of Object.keys(scheme.inputs)) if (!read.has(`inputs.${key}`)) out.push(finding('unused_input', pointerTo('/inputs', key), { input: key }));
  scheme.population?.values?.forEach((value, i) => {
    if (!read.has(`population.${value.key}`)) out.push(finding('unused_population_value', pointerTo('/population/values', i), { key: value.key }));
  });
  return out;
}

function fits(type: NonNullable<Param['type']>, value: NonNullable<Param['value']>): boolean {
  switch (type) {
    case 'number':
    case 'string':
    case 'boolean':
      return typeof value === type;
    case 'table':
      return typeof value === 'object';
    case 'bands':
      return Array.isArray(value);
  }
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a table';
  return `${typeof value === 'number' ? 'a number' : typeof value === 'string' ? 'a string' : 'a boolean'} (${JSON.stringify(value)})`;
}
