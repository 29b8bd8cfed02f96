/**
 * @module routes
 * Every page of the studio: its address pattern, who may open it, and its code (loaded on
 * first visit, so the login page does not download the designer or the charts).
 */
import type { Component } from 'svelte';
import { ROLES } from '../../schemas/vocabulary.ts';
import type { Role } from './lib/types.ts';

export interface PageProps {
  params: Record<string, string>;
}

export interface RouteDef {
  pattern: string;
  roles: readonly Role[] | 'public';
  load: () => Promise<{ default: Component<PageProps> }>;
}

const READERS = ['hr', 'manager', 'auditor'] as const;
const ALL = ROLES;

export const ROUTES: readonly RouteDef[] = [
  { pattern: '/login', roles: 'public', load: () => import('./pages/LoginPage.svelte') },
  { pattern: '/', roles: ALL, load: () => import('./pages/HomePage.svelte') },
  { pattern: '/schemes', roles: READERS, load: () => import('./pages/SchemesPage.svelte') },
  { pattern: '/schemes/:id', roles: READERS, load: () => import('./pages/SchemePage.svelte') },
  { pattern: '/templates', roles: READERS, load: () => import('./pages/TemplatesPage.svelte') },
  { pattern: '/versions', roles: READERS, load: () => import('./pages/VersionsPage.svelte') },
  { pattern: '/versions/:id', roles: READERS, load: () => import('./pages/VersionPage.svelte') },
  { pattern: '/versions/:id/diff', roles: READERS, load: () => import('./pages/DiffPage.svelte') },
  { pattern: '/cycles', roles: READERS, load: () => import('./pages/CyclesPage.svelte') },
  { pattern: '/cycles/:id', roles: READERS, load: () => import('./pages/CyclePage.svelte') },
  { pattern: '/cycles/:id/results', roles: READERS, load: () => import('./pages/ResultsPage.svelte') },
  { pattern: '/cycles/:id/results/:employeeId', roles: ALL, load: () => import('./pages/ResultPage.svelte') },
  { pattern: '/cycles/:id/dashboard', roles: READERS, load: () => import('./pages/DashboardPage.svelte') },
  { pattern: '/cycles/:id/simulator', roles: ['hr', 'manager'], load: () => import('./pages/SimulatorPage.svelte') },
  { pattern: '/dashboards', roles: READERS, load: () => import('./pages/CyclePickerPage.svelte') },
  { pattern: '/results', roles: READERS, load: () => import('./pages/CyclePickerPage.svelte') },
  { pattern: '/appeals', roles: READERS, load: () => import('./pages/AppealsPage.svelte') },
  { pattern: '/users', roles: ['hr', 'auditor'], load: () => import('./pages/UsersPage.svelte') },
  { pattern: '/account', roles: ALL, load: () => import('./pages/AccountPage.svelte') },
  { pattern: '/audit', roles: ['hr', 'auditor'], load: () => import('./pages/AuditPage.svelte') },
  { pattern: '/me', roles: ['employee'], load: () => import('./pages/MyResultsPage.svelte') },
];
