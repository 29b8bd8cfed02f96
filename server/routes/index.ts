/**
 * @module routes
 * Every API route group, registered in one place.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { registerAuthRoutes } from './auth.ts';
import { registerAuditRoutes } from './audit.ts';
import { registerOrgRoutes } from './org.ts';
import { registerSchemeRoutes } from './schemes.ts';
import { registerTemplateRoutes } from './templates.ts';
import { registerUserRoutes } from './users.ts';
import { registerVersionRoutes } from './versions.ts';
import { registerCycleRoutes } from './cycles.ts';
import { registerInputRoutes } from './inputs.ts';
import { registerJobRoutes } from './jobs.ts';
import { registerResultRoutes } from './results.ts';
import { registerEvidenceRoutes } from './evidence.ts';
import { registerAppealRoutes } from './appeals.ts';

export function registerApiRoutes(app: Hono<AppEnv>): void {
  registerAuthRoutes(app);
  registerOrgRoutes(app);
  registerUserRoutes(app);
  registerSchemeRoutes(app);
  registerVersionRoutes(app);
  registerTemplateRoutes(app);
  registerAuditRoutes(app);
  registerCycleRoutes(app);
  registerInputRoutes(app);
  registerJobRoutes(app);
  registerResultRoutes(app);
  registerEvidenceRoutes(app);
  registerAppealRoutes(app);
}
