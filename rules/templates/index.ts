/**
 * @module templates
 * The template library: ready-made schemes that HR publishes and departments clone and adapt
 * (「具体的考核办法由各部门自行制定」). Each template is a scheme JSON file in this folder with
 * `"template": true`, so it may carry blank parameters that a department's copy must fill
 * before publishing (analysis reports them as `param_unfilled`: info in a template, an error in a copy).
 *
 * Templates are validated with `parseScheme` when this module loads and are deeply frozen:
 * they are shared, so clone one (`structuredClone(getTemplate(key)!.scheme)`) before editing it.
 */
import { parseScheme, type Scheme } from '../1-parse/parse.ts';
import callCentre from './call-centre.json' with { type: 'json' };
import kpiLibraryHrAdmin from './kpi-library-hr-admin.json' with { type: 'json' };
import okrKeyResults from './okr-key-results.json' with { type: 'json' };
import operationsBsc from './operations-bsc.json' with { type: 'json' };
import propertyServices from './property-services.json' with { type: 'json' };

/** One entry of the library. `titleZh` and `description` come from the scheme itself. */
export interface Template {
  /** Stable key, equal to the scheme's key. */
  key: string;
  /** English title for the gallery. */
  title: string;
  /** The scheme's own (Chinese) title. */
  titleZh: string;
  /** The scheme's description: sources, scoring rules and every interpretation made. */
  description: string;
  scheme: Scheme;
}

const ENTRIES: ReadonlyArray<{ title: string; json: unknown }> = [
  { title: 'Property services: customer service, engineering and security posts', json: propertyServices },
  { title: 'Operations balanced scorecard 40/20/20/20', json: operationsBsc },
  { title: 'KPI library: HR and public affairs department, 27 positions', json: kpiLibraryHrAdmin },
  { title: 'OKR key-result scoring', json: okrKeyResults },
  { title: 'Call centre (10086-style) with peer thresholds and rank-linear scores', json: callCentre },
];

/**
 * Every template in gallery order.
 * @example templates.map((t) => t.key) // ['property-services', 'operations-bsc', 'kpi-library-hr-admin', 'okr-key-results', 'call-centre']
 */
export const templates: readonly Template[] = Object.freeze(
  ENTRIES.map(({ title, json }) => {
    const scheme = deepFreeze(parseScheme(json));
    return Object.freeze({ key: scheme.key, title, titleZh: scheme.title, description: scheme.description ?? '', scheme });
  }),
);

const byKey = new Map(templates.map((t) => [t.key, t]));

/**
 * The template with this key, or undefined.
 * @example
 * const copy = structuredClone(getTemplate('property-services')!.scheme);
 * copy.template = false; // a department's own scheme, to be filled and published
 */
export function getTemplate(key: string): Template | undefined {
  return byKey.get(key);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
