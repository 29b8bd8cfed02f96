/**
 * @module migrations
 * Every migration, by name, in the order they run. Listed here rather than found by globbing
 * a folder, so bundling, `tsx` and the tests all see the same set. Names are never renamed and
 * migrations never edited once released; add a new file with the next number instead.
 * There are no `down` migrations: the schema only moves forward (restore a backup to go back).
 */
import type { Migration } from 'kysely';
import { organisation } from './001-organisation.ts';
import { access } from './002-access.ts';
import { schemes } from './003-schemes.ts';
import { cycles } from './004-cycles.ts';
import { inputs } from './005-inputs.ts';
import { evaluation } from './006-evaluation.ts';
import { auditLog } from './007-audit-log.ts';
import { inputHistorySetWise } from './008-input-history-set-wise.ts';
import { loginThrottle } from './009-login-throttle.ts';
import { resultRevisions } from './010-result-revisions.ts';
import { decidedAppeals } from './011-decided-appeals.ts';
import { versionFindings } from './013-version-findings.ts';

export const migrations: Readonly<Record<string, Migration>> = {
  '001-organisation': organisation,
  '002-access': access,
  '003-schemes': schemes,
  '004-cycles': cycles,
  '005-inputs': inputs,
  '006-evaluation': evaluation,
  '007-audit-log': auditLog,
  '008-input-history-set-wise': inputHistorySetWise,
  '009-login-throttle': loginThrottle,
  '010-result-revisions': resultRevisions,
  '011-decided-appeals': decidedAppeals,
  '013-version-findings': versionFindings,
};
