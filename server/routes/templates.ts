/**
 * @module routes/templates
 * HR's template library, for the gallery.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { route } from '../http/route.ts';
import { listTemplates } from '../services/schemes/template-library.ts';
import { TEMPLATES } from './scheme-responses.ts';

export function registerTemplateRoutes(app: Hono<AppEnv>): void {
  route(
    app,
    {
      method: 'get',
      path: '/api/templates',
      summary: 'List the template library',
      tag: 'templates',
      roles: ['hr', 'manager', 'auditor'],
      description: "Every template scheme with its current (newest published) version and that version's title and description. Clone one with POST /api/schemes/{id}/clone; templates without a published version cannot be cloned yet.",
      response: TEMPLATES,
    },
    (c) => listTemplates(c.var.db, c.var.user!),
  );
}
