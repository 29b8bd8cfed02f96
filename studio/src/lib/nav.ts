/**
 * @module lib/nav
 * The navigation each role sees. The server enforces scope on every request; this only shapes
 * the menu so people see what they can use.
 */
import type { MessageKey } from '../i18n/i18n.svelte.ts';
import type { Role } from './types.ts';

export interface NavItem {
  href: string;
  label: MessageKey;
}

export const NAVIGATION: Record<Role, NavItem[]> = {
  hr: [
    { href: '/schemes', label: 'nav.schemes' },
    { href: '/templates', label: 'nav.templates' },
    { href: '/cycles', label: 'nav.cycles' },
    { href: '/dashboards', label: 'nav.dashboards' },
    { href: '/appeals', label: 'nav.appeals' },
    { href: '/audit', label: 'nav.audit' },
    { href: '/users', label: 'nav.users' },
  ],
  manager: [
    { href: '/templates', label: 'nav.templates' },
    { href: '/schemes', label: 'nav.mySchemes' },
    { href: '/cycles', label: 'nav.myCycles' },
    { href: '/results', label: 'nav.results' },
    { href: '/appeals', label: 'nav.appeals' },
  ],
  auditor: [
    { href: '/versions', label: 'nav.versions' },
    { href: '/audit', label: 'nav.auditLog' },
    { href: '/results', label: 'nav.resultsReadOnly' },
    { href: '/appeals', label: 'nav.appeals' },
    { href: '/users', label: 'nav.users' },
  ],
  employee: [{ href: '/me', label: 'nav.myResults' }],
};

/**
 * The nav item whose section the current path belongs to: pages reached from a section keep
 * it highlighted (a version from Schemes, a dashboard from Dashboards), else the longest prefix.
 * @example activeHref(NAVIGATION.hr, '/cycles/3/dashboard') // '/dashboards'
 */
export function activeHref(items: readonly NavItem[], path: string): string | null {
  const has = (href: string) => items.some((i) => i.href === href);
  if (/^\/cycles\/[^/]+\/(dashboard|simulator)/.test(path) && has('/dashboards')) return '/dashboards';
  if (/^\/cycles\/[^/]+\/results/.test(path) && has('/results')) return '/results';
  if (/^\/(versions|schemes)\//.test(path)) return has('/schemes') ? '/schemes' : has('/versions') ? '/versions' : null;
  const matches = items.filter((i) => path === i.href || path.startsWith(`${i.href}/`));
  return matches.sort((a, b) => b.href.length - a.href.length)[0]?.href ?? null;
}
