/**
 * @module http/route
 * Routes are declared once, as data plus a handler: the declaration drives request
 * validation (ajv, from the same JSON Schemas as `schemas/`), role checks, and the OpenAPI
 * document. A route that is not declared here does not exist in the docs.
 */
import type { Context, Hono } from 'hono';
import Ajv2020 from 'ajv/dist/2020.js';
import schemeSchema from '../../schemas/scheme.schema.json' with { type: 'json' };
import { YardstickError } from '../../rules/errors.ts';
import { describeAjvErrors } from '../../rules/1-parse/parse.ts';
import type { AppEnv, Role } from './env.ts';
import { assertStorableParameters, parseJsonBody } from './json-body.ts';
import type { JsonSchema } from '../domain/json-schema.ts';

export type { JsonSchema } from '../domain/json-schema.ts';

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono path, e.g. /api/schemes/:id. */
  path: string;
  summary: string;
  tag: string;
  /** Who may call it; 'public' needs no login. Finer scope checks happen in services. */
  roles: readonly Role[] | 'public';
  /** JSON body schema; the body is validated before the handler runs. */
  body?: JsonSchema;
  /** Accept text/csv (or other raw bytes, handed over undecoded) instead of JSON. */
  rawBody?: { contentTypes: string[]; description: string };
  query?: Record<string, { type: 'string' | 'integer' | 'boolean'; description: string; enum?: string[] }>;
  /** Response body schema for the docs (status 200/201). */
  response?: JsonSchema;
  status?: 200 | 201 | 202;
  description?: string;
}

export interface RouteInput<B> {
  body: B;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  /** A `rawBody` request's bytes, as sent (the service decodes them: it knows which encodings it takes). */
  raw?: Uint8Array;
}

type Handler<B> = (c: Context<AppEnv>, input: RouteInput<B>) => Promise<unknown> | unknown;

const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });
ajv.addSchema(schemeSchema, 'scheme.schema.json');

/** The list every declared route is added to; the OpenAPI generator reads it. */
export const declaredRoutes: RouteSpec[] = [];

/**
 * Declare a route on the app.
 * @example
 * route(app, { method: 'get', path: '/api/cycles/:id', summary: 'One cycle', tag: 'cycles', roles: ['hr'] },
 *   (c, { params }) => cycles.get(c.var.db, params.id));
 */
export function route<B = unknown>(app: Hono<AppEnv>, spec: RouteSpec, handler: Handler<B>): void {
  if (!declaredRoutes.some((r) => r.method === spec.method && r.path === spec.path)) declaredRoutes.push(spec);
  const validate = spec.body ? ajv.compile(spec.body) : undefined;
  app[spec.method](spec.path, async (c) => {
    if (spec.roles !== 'public') {
      const user = c.get('user');
      if (!user) throw new YardstickError('unauthenticated', 'Please log in first.');
      if (!spec.roles.includes(user.role)) throw new YardstickError('forbidden', `Your role (${user.role}) may not ${spec.summary.toLowerCase()}.`);
    }
    const input: RouteInput<B> = { body: undefined as B, params: c.req.param() as Record<string, string>, query: c.req.query() };
    assertStorableParameters(input.params, 'path parameter');
    assertStorableParameters(input.query, 'query parameter');
    if (spec.rawBody) {
      const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
      if (type === 'application/json' && spec.body) input.body = await readJson<B>(c, validate);
      else if (spec.rawBody.contentTypes.includes(type)) input.raw = new Uint8Array(await c.req.arrayBuffer());
      else throw new YardstickError('invalid_argument', `Send the body as ${[...spec.rawBody.contentTypes, ...(spec.body ? ['application/json'] : [])].join(' or ')}.`);
    } else if (spec.body) {
      input.body = await readJson<B>(c, validate, !Array.isArray(spec.body.required) || spec.body.required.length === 0);
    }
    const result = await handler(c, input);
    if (result instanceof Response) return result;
    return c.json(result as object, spec.status ?? 200);
  });
}

async function readJson<B>(c: Context<AppEnv>, validate?: ReturnType<typeof ajv.compile>, optional = false): Promise<B> {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const text = await c.req.text();
  // A body whose fields are all optional may be left out entirely (POST …/publish).
  if (optional && text.trim() === '') return {} as B;
  if (type !== 'application/json') throw new YardstickError('invalid_json', 'Send the body as JSON with Content-Type: application/json.');
  const body = parseJsonBody(text);
  if (validate && !validate(body)) {
    const issues = describeAjvErrors(validate.errors ?? []);
    const first = issues[0];
    throw new YardstickError('invalid_argument', `Request body ${first ? `${first.path}: ${first.message}` : 'is invalid'}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`, { issues });
  }
  return body as B;
}
