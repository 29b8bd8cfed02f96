/**
 * @module routes/evidence
 * The evidence pack of one result, as a JSON file download.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { route } from '../http/route.ts';
import { evidencePack } from '../services/audit/evidence.ts';
import { parseId } from '../services/access/scope.ts';
import { withParts } from '../services/api-schemas.ts';

/**
 * Declare the evidence pack route.
 * @example registerEvidenceRoutes(app)
 */
export function registerEvidenceRoutes(app: Hono<AppEnv>): void {
  route(
    app,
    {
      method: 'get',
      path: '/api/cycles/:id/results/:employeeId/evidence',
      summary: 'Download the evidence pack of a result',
      tag: 'results',
      roles: ['hr', 'auditor', 'manager', 'employee'],
      description: 'The scheme version document, every input with its history, the stored result with its explanation, the audit entries touching them, their hashes and how to recompute each one (howToVerify). Managers for their departments, employees for their own published result.',
      response: withParts({
        generatedAt: { type: 'string' },
        generatedBy: { type: 'string' },
        employee: { type: 'object' },
        cycle: { type: 'object' },
        schemeVersion: { type: 'object' },
        inputs: { type: 'array', items: { type: 'object' } },
        result: { type: 'object' },
        auditEntries: { type: 'array', items: { type: 'object' } },
        hashes: withParts({ document: { type: 'string' }, inputs: { type: 'string' }, result: { type: 'string' } }),
        resultProof: { type: ['object', 'null'] },
        howToVerify: { type: 'string' },
      }),
    },
    async (c, { params }) => {
      const pack = await evidencePack(c.var.db, c.var.user!, parseId(params.id, 'cycle'), parseId(params.employeeId, 'employee'));
      const name = `evidence-${pack.cycle.key}-${pack.employee.code}.json`.replace(/[^A-Za-z0-9._-]/g, '_');
      c.header('content-disposition', `attachment; filename="${name}"`);
      return c.json(pack);
    },
  );
}
