/**
 * @module lib/router
 * A small history-based router: the server answers every non-API path with the studio's
 * index page, so `/cycles/3/results` is a real, bookmarkable address.
 *
 * - `navigate(to)` pushes a new entry after asking every leave guard (unsaved changes);
 * - plain `<a href="/…">` links are intercepted once, globally (`interceptLinks`);
 * - the browser's back/forward buttons go through the same guards.
 *
 * @example
 * const match = matchPath('/cycles/:id/results/:employeeId', '/cycles/3/results/17');
 * // { id: '3', employeeId: '17' }
 */

/** Answers whether leaving the current page is fine (false cancels the navigation). */
export type LeaveGuard = () => boolean | Promise<boolean>;

class Location {
  path = $state(window.location.pathname);
  search = $state(window.location.search);
  /** Parsed query string of the current address. */
  query = $derived(new URLSearchParams(this.search));
}

/** The current address, reactive. */
export const location = new Location();

const guards = new Set<LeaveGuard>();

/**
 * Register a guard asked before leaving the current address; returns the function removing it.
 * @example $effect(() => addLeaveGuard(() => !dirty || confirm('Leave?')));
 */
export function addLeaveGuard(guard: LeaveGuard): () => void {
  guards.add(guard);
  return () => guards.delete(guard);
}

async function mayLeave(): Promise<boolean> {
  for (const guard of [...guards]) if (!(await guard())) return false;
  return true;
}

/** The address the studio shows, to restore it when a guard cancels a back/forward. */
let current = window.location.pathname + window.location.search;

function sync(): void {
  location.path = window.location.pathname;
  location.search = window.location.search;
  current = location.path + location.search;
}

/**
 * Go to an in-app address. Resolves false when a leave guard cancelled.
 * @example await navigate('/login?next=%2Fschemes', { replace: true });
 */
export async function navigate(to: string, options: { replace?: boolean; force?: boolean } = {}): Promise<boolean> {
  const target = new URL(to, window.location.origin);
  const same = target.pathname === window.location.pathname && target.search === window.location.search;
  if (!same && !options.force && !(await mayLeave())) return false;
  if (options.replace || same) window.history.replaceState(null, '', target.pathname + target.search + target.hash);
  else window.history.pushState(null, '', target.pathname + target.search + target.hash);
  sync();
  if (!same) window.scrollTo(0, 0);
  return true;
}

/** Change the query string of the current address without a new history entry (filters). */
export function setQuery(params: Record<string, string | null | undefined>): void {
  const query = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') query.delete(key);
    else query.set(key, value);
  }
  const qs = query.toString();
  window.history.replaceState(null, '', window.location.pathname + (qs ? `?${qs}` : ''));
  sync();
}

/**
 * Start listening: back/forward (through the guards) and clicks on same-origin links.
 * Returns a function that stops listening.
 */
export function startRouter(): () => void {
  const onPop = async () => {
    const target = window.location.pathname + window.location.search;
    if (target === current) return;
    if (guards.size > 0) {
      // Put the page we are on back, ask, and go only if the guards agree.
      window.history.pushState(null, '', current);
      if (!(await mayLeave())) return;
      window.history.replaceState(null, '', target);
    }
    sync();
  };
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || !anchor.href || anchor.target || anchor.hasAttribute('download') || anchor.dataset.external !== undefined) return;
    const url = new URL(anchor.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    void navigate(url.pathname + url.search + url.hash);
  };
  window.addEventListener('popstate', onPop);
  document.addEventListener('click', onClick);
  return () => {
    window.removeEventListener('popstate', onPop);
    document.removeEventListener('click', onClick);
  };
}

/**
 * Match a route pattern against a path; `:name` segments become params.
 * @example matchPath('/schemes/:id', '/schemes/12') // { id: '12' }
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = decodeURIComponent(got[i]!);
    if (w.startsWith(':')) params[w.slice(1)] = g;
    else if (w !== g) return null;
  }
  return params;
}
