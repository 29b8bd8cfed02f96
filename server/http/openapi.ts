/**
 * @module http/openapi
 * The OpenAPI 3.1 document, generated from the declared routes and `schemas/`, and a plain
 * HTML reference page rendered from it (no scripts, so it passes the strict CSP).
 */
import schemeSchema from '../../schemas/scheme.schema.json' with { type: 'json' };
import type { RouteSpec, JsonSchema } from './route.ts';
import { MAX_JSON_DEPTH } from './json-body.ts';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
};

/**
 * Build the OpenAPI document for the given routes.
 * @example buildOpenApi(declaredRoutes).paths['/api/schemes'].get.summary // 'List schemes'
 */
export function buildOpenApi(routes: readonly RouteSpec[], version = '0.1.0'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of [...routes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method))) {
    const path = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const params = [...r.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = Object.entries(r.query ?? {}).map(([name, q]) => ({ name, in: 'query', required: false, description: q.description, schema: { type: q.type, ...(q.enum ? { enum: q.enum } : {}) } }));
    const content: Record<string, unknown> = {};
    if (r.body) content['application/json'] = { schema: rewriteRefs(r.body) };
    for (const t of r.rawBody?.contentTypes ?? []) content[t] = { schema: { type: 'string', description: r.rawBody!.description } };
    (paths[path] ??= {})[r.method] = {
      summary: r.summary,
      description: [r.description, `Roles: ${r.roles === 'public' ? 'anyone' : r.roles.join(', ')}.`].filter(Boolean).join('\n\n'),
      tags: [r.tag],
      ...(r.roles === 'public' ? { security: [] } : {}),
      parameters: [...params, ...query],
      ...(Object.keys(content).length ? { requestBody: { required: true, content } } : {}),
      responses: {
        [String(r.status ?? 200)]: { description: 'OK', content: { 'application/json': { schema: r.response ? rewriteRefs(r.response) : {} } } },
        default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Yardstick API', version, description: `Assessment schemes, cycles, results and the audit log. Errors always have the shape { error: { code, message, details } }. Any JSON body nested deeper than ${MAX_JSON_DEPTH} levels of arrays and objects is refused with 400 invalid_json; a string or field name in a body, or a query or path parameter, containing U+0000 or a lone UTF-16 surrogate (which PostgreSQL cannot store) with 400 invalid_argument naming it (details.pointer and details.path, or details.parameter).` },
    servers: [{ url: '/' }],
    components: {
      schemas: { Scheme: rewriteRefs(schemeSchema as JsonSchema), Error: ERROR_SCHEMA },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'ys_session', description: 'Set by POST /api/auth/login. Unsafe methods also need the X-CSRF-Token header.' },
        bearer: { type: 'http', scheme: 'bearer', description: 'API tokens for scripts and systems that push data.' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
    paths,
  };
}

/** Point `#/$defs/x` and `scheme.schema.json#/$defs/x` at the copy under components. */
function rewriteRefs(value: unknown): JsonSchema {
  return JSON.parse(
    JSON.stringify(value, (key, v) => {
      if (key === '$ref' && typeof v === 'string') return v.replace(/^(scheme\.schema\.json)?#\/\$defs\//, '#/components/schemas/Scheme/$defs/').replace(/^scheme\.schema\.json#?$/, '#/components/schemas/Scheme');
      if (key === '$id' || key === '$schema') return undefined;
      return v;
    }),
  );
}

/**
 * A readable reference page for the API, generated from the OpenAPI document.
 * @example renderDocsPage(buildOpenApi(declaredRoutes))
 */
export function renderDocsPage(doc: Record<string, unknown>): string {
  const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const paths = doc.paths as Record<string, Record<string, { summary: string; description: string; tags: string[]; parameters: Array<{ name: string; in: string; description?: string }>; requestBody?: { content: Record<string, { schema: unknown }> } }>>;
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters.map((p) => `<li><code>${esc(p.name)}</code> (${esc(p.in)})${p.description ? ` — ${esc(p.description)}` : ''}</li>`).join('');
      const body = op.requestBody ? `<details><summary>Request body (${esc(Object.keys(op.requestBody.content).join(', '))})</summary><pre>${esc(JSON.stringify(Object.values(op.requestBody.content)[0]?.schema, null, 2))}</pre></details>` : '';
      const html = `<section><h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3><p>${esc(op.summary)}</p><p class="d">${esc(op.description).replace(/\n/g, '<br>')}</p>${params ? `<ul>${params}</ul>` : ''}${body}</section>`;
      const tag = op.tags[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const info = doc.info as { title: string; description: string };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(info.title)}</title><style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1f2933}h2{border-bottom:1px solid #d9e2ec;margin-top:2.5rem}section{margin:1rem 0;padding:.5rem 1rem;border:1px solid #e4e7eb;border-radius:6px}
.m{display:inline-block;min-width:4.5em;font-size:.8em;padding:.1em .4em;border-radius:4px;color:#fff;background:#486581}.post{background:#2f8132}.put,.patch{background:#b7791f}.delete{background:#c53030}pre{overflow:auto;background:#f5f7fa;padding:.5rem}.d{color:#52606d}
</style></head><body><h1>${esc(info.title)}</h1><p>${esc(info.description)}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a></p>
${[...byTag].map(([tag, items]) => `<h2>${esc(tag)}</h2>${items.join('')}`).join('')}</body></html>`;
}
