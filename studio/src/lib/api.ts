/**
 * @module lib/api
 * The studio's only way to reach the server: JSON in and out, the CSRF header on every
 * state-changing request, and the API's one error shape `{ error: { code, message, details } }`
 * turned into a typed {@link ApiError}. A 401 on any call except the session probe and the
 * login itself sends the user to the login page (see `setUnauthenticatedHandler`).
 *
 * @example
 * const { items } = await api.get<{ items: Cycle[] }>('/api/cycles');
 * await api.put(`/api/versions/${id}`, { document, revision });
 */

/** An error answered by the API (or a network failure, code `network`). */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown>;
  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** True for an {@link ApiError}, optionally with one of the codes. */
export function isApiError(err: unknown, ...codes: string[]): err is ApiError {
  return err instanceof ApiError && (codes.length === 0 || codes.includes(err.code));
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Remember the CSRF token from login or `GET /api/auth/me`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** What to do when the session has expired (set once by the session store). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  /** JSON body (serialised here). */
  body?: unknown;
  /** A raw text body with its content type, e.g. CSV. */
  text?: { content: string | Uint8Array; type: string };
  signal?: AbortSignal;
  /** Do not redirect to the login page on 401 (the session probe and login itself). */
  allow401?: boolean;
}

/** The path with its query string; empty and undefined values are left out. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * Send one request and return the parsed JSON body.
 * @throws {ApiError} with the server's code, message and details; `network` when unreachable.
 */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (options.text) {
    headers['content-type'] = options.text.type;
    body = options.text.content as string | Uint8Array<ArrayBuffer>;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', (err as Error).message || 'Network error');
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      if (res.ok) throw new ApiError(res.status, 'bad_response', `The server answered ${res.status} with a body that is not JSON.`);
    }
  }
  if (!res.ok) {
    const error = (parsed as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
    const apiError = new ApiError(
      res.status,
      typeof error?.code === 'string' ? error.code : `http_${res.status}`,
      typeof error?.message === 'string' ? error.message : `${res.status} ${res.statusText}`,
      error?.details && typeof error.details === 'object' ? (error.details as Record<string, unknown>) : {},
    );
    if (res.status === 401 && !options.allow401) onUnauthenticated?.();
    throw apiError;
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Query, options: Omit<RequestOptions, 'query'> = {}) => request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options: RequestOptions = {}) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options: RequestOptions = {}) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options: RequestOptions = {}) => request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options: RequestOptions = {}) => request<T>('DELETE', path, options),
};

/**
 * Every item of a paged listing, fetched 500 at a time until `total` is reached.
 * `load(offset, limit)` fetches one page and returns its items and the listing's total.
 * @example
 * const items = await fetchAllPages((offset, limit) => api.get<Page<ResultItem>>(path, { offset, limit }));
 */
export async function fetchAllPages<T>(load: (offset: number, limit: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await load(offset, 500);
    out.push(...page.items);
    if (offset + 500 >= page.total) return out;
  }
}
