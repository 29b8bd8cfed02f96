/**
 * @module lib/session
 * Who is logged in. The session cookie is HttpOnly, so the studio asks `GET /api/auth/me` at
 * start; the CSRF token from that answer (or from login) goes on every non-GET request.
 */
import { api, isApiError, setCsrfToken, setUnauthenticatedHandler } from './api.ts';
import { location, navigate } from './router.svelte.ts';
import { setLocale, i18n } from '../i18n/i18n.svelte.ts';
import { resetOrg } from './org.svelte.ts';
import type { Locale, Role, Session, User } from './types.ts';

class SessionState {
  /** loading: asking the server; anonymous: not logged in; ready: `user` is set. */
  status = $state<'loading' | 'anonymous' | 'ready'>('loading');
  user = $state<User | null>(null);
  /** Why the session probe failed (server unreachable), shown on the login page. */
  error = $state<string | null>(null);
}

export const session = new SessionState();

// The session cookie is HttpOnly, so the studio cannot see it. This hint (set at login, cleared
// at logout or when the server says the session ended) spares anonymous visitors a 401 probe.
const HINT_KEY = 'yardstick.signedIn';
function setHint(on: boolean): void {
  try {
    if (on) localStorage.setItem(HINT_KEY, '1');
    else localStorage.removeItem(HINT_KEY);
  } catch {
    // storage unavailable: every visit probes
  }
}
function hasHint(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return true;
  }
}

function adopt(result: Session): void {
  setCsrfToken(result.csrfToken);
  session.user = result.user;
  session.status = 'ready';
  session.error = null;
  setHint(true);
  if (result.user.locale && result.user.locale !== i18n.locale) setLocale(result.user.locale);
}

function loginAddress(): string {
  const here = location.path + location.search;
  return here === '/' || here.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

/** Ask the server who is logged in (at start). */
export async function loadSession(): Promise<void> {
  setUnauthenticatedHandler(() => {
    if (session.status === 'anonymous') return;
    setHint(false);
    setCsrfToken(null);
    resetOrg();
    session.user = null;
    session.status = 'anonymous';
    void navigate(loginAddress(), { replace: true, force: true });
  });
  if (!hasHint()) {
    session.status = 'anonymous';
    return;
  }
  try {
    adopt(await api.get<Session>('/api/auth/me', undefined, { allow401: true }));
  } catch (err) {
    setHint(false);
    session.status = 'anonymous';
    if (!isApiError(err, 'unauthenticated')) session.error = (err as Error).message;
  }
}

/**
 * Log in; throws the API error (wrong password, throttled) for the form to show.
 * @example await login('hr', 'secret')
 */
export async function login(username: string, password: string): Promise<User> {
  const result = await api.post<Session>('/api/auth/login', { username, password }, { allow401: true });
  adopt(result);
  return result.user;
}

/** Log out here and on the server, then show the login page. */
export async function logout(): Promise<void> {
  try {
    await api.post('/api/auth/logout', {}, { allow401: true });
  } finally {
    setHint(false);
    setCsrfToken(null);
    resetOrg();
    session.user = null;
    session.status = 'anonymous';
    await navigate('/login', { replace: true, force: true });
  }
}

/**
 * Change the language and, when logged in, remember it for the user.
 * Throws when the server refuses (the language still changes here).
 */
export async function changeLocale(locale: Locale): Promise<void> {
  setLocale(locale);
  if (session.user) {
    const { user } = await api.patch<{ user: User }>('/api/auth/me', { locale });
    session.user = { ...session.user, locale: user.locale };
  }
}

/** The landing page of a role. */
export function homeOf(role: Role): string {
  return role === 'employee' ? '/me' : role === 'auditor' ? '/versions' : '/schemes';
}
