/**
 * @module 2-analyze/references
 * Every name a rule reads resolves: `inputs.x` to a declared input, `params.x` (or an entry of a
 * table parameter, `params.x.y`) to a parameter, `indicators.x` to another indicator,
 * `population.x` to a population value; `employee.*` is always allowed (id, position,
 * department, level and any attribute). Adjustment and grading rules may also read `total`,
 * `baseTotal`, `grade` and `dimensions.x`. Reads inside iteration callbacks address the element
 * and are not checked; computed paths cannot be checked and are reported as warnings.
 */
import type { Param, Scheme } from '../../schemas/generated/scheme.ts';
import { finding } from './codes.ts';
import type { Finding } from './types.ts';
import type { VarUse } from './vars.ts';

const OUTCOME_NAMES = new Set(['total', 'baseTotal', 'grade']);

/**
 * Check the data reads of every rule.
 * @example
 * checkReferences(scheme, schemeFacts(scheme).vars)
 * // ['Indicator "close_rate" score rule reads "inputs.closerate", which is not a declared input.']
 */
export function checkReferences(scheme: Scheme, vars: readonly VarUse[]): Finding[] {
  const out: Finding[] = [];
  const indicators = new Set(scheme.indicators.map((i) => i.key));
  const population = new Set((scheme.population?.values ?? []).map((v) => v.key));
  const dimensions = new Set((scheme.dimensions ?? []).map((d) => d.key));
  const params = scheme.params ?? {};
  for (const use of vars) {
    if (use.scoped) continue;
    if (use.dynamic) {
      out.push(finding('dynamic_var', use.pointer, { owner: use.site.owner }));
      continue;
    }
    const [namespace, key, ...rest] = use.path.split('.');
    const outcome = use.site.kind !== 'indicator';
    let why: string | undefined;
    if (use.path === '') why = 'which is the whole data; name one value, such as inputs.<key>';
    else if (namespace === 'employee') why = undefined;
    else if (key === undefined && ['inputs', 'params', 'indicators', 'population', 'dimensions'].includes(namespace)) why = `which is the whole ${namespace} namespace; name one entry`;
    else if (namespace === 'inputs') why = Object.hasOwn(scheme.inputs, key) ? undefined : 'which is not a declared input';
    else if (namespace === 'params') why = Object.hasOwn(params, key) ? paramEntryProblem(key, params[key], rest) : 'which is not a declared parameter';
    else if (namespace === 'indicators') {
      if (use.site.indicator === key) {
        out.push(finding('self_reference', use.pointer, { indicator: key }));
        continue;
      }
      why = indicators.has(key) ? undefined : 'which is not an indicator';
    } else if (namespace === 'population') why = population.has(key) ? undefined : 'which is not a declared population value';
    else if (namespace === 'dimensions') why = !outcome ? 'but dimension subtotals exist only in adjustment and grading rules' : dimensions.has(key) ? undefined : 'which is not a declared dimension';
    else if (OUTCOME_NAMES.has(namespace) && key === undefined) why = outcome ? undefined : `but ${namespace} exists only in adjustment and grading rules`;
    else why = 'which is not in any namespace (inputs, params, indicators, population, employee)';
    if (why) out.push(finding('unknown_reference', use.pointer, { owner: use.site.owner, path: use.path, why }));
  }
  return out;
}

/** `params.x.y…`: entries of a table parameter must exist; a single-valued parameter has none. */
function paramEntryProblem(key: string, param: Param, rest: readonly string[]): string | undefined {
  if (rest.length === 0) return undefined;
  const value = param.value;
  if (value === undefined) {
    // A blank template parameter: its declared type (number by default) says whether it is a table.
    const type = param.type ?? 'number';
    return type === 'table' || type === 'bands' ? undefined : `but parameter "${key}" is a single ${type}, not a table`;
  }
  if (typeof value !== 'object' || value === null) return `but parameter "${key}" is a single value, not a table`;
  // Only the first level is checked: deeper levels of a table are data, not declarations.
  return Object.hasOwn(value, rest[0]) ? undefined : `which is not an entry of table parameter "${key}"`;
}
