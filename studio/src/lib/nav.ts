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
    { href: '/audit', label: 'nav.audit' },
  ],
  manager: [
    { href: '/templates', label: 'nav.templates' },
    { href: '/schemes', label: 'nav.mySchemes' },
    { href: '/cycles', label: 'nav.myCycles' },
    { href: '/results', label: 'nav.results' },
  ],
  auditor: [
    { href: '/versions', label: 'nav.versions' },
    { href: '/audit', label: 'nav.auditLog' },
    { href: '/results', label: 'nav.resultsReadOnly' },
  ],
  employee: [{ href: '/me', label: 'nav.myResults' }],
};

/** Whether a nav item is the section of the current path. */
export function isActive(item: NavItem, path: string): boolean {
  if (path === item.href || path.startsWith(`${item.href}/`)) return true;
  // Pages reached from a section keep it highlighted.
  if (item.href === '/schemes' && path.startsWith('/versions/')) return true;
  if (item.href === '/versions' && (path.startsWith('/schemes/') || path.startsWith('/versions/'))) return true;
  if (item.href === '/dashboards' && /^\/cycles\/[^/]+\/(dashboard|simulator)/.test(path)) return true;
  if (item.href === '/results' && /^\/cycles\/[^/]+\/results/.test(path)) return true;
  return false;
}
