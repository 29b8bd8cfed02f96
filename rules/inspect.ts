/**
 * @module inspect
 * Parse and analyse in one step, with parse issues shown as error findings, so the studio (as the
 * user types) and the server (on save and publish) list exactly the same findings for a document.
 */
import { analyzeScheme, type Finding } from './2-analyze/index.ts';
import { checkScheme, type ParseIssue, type Scheme } from './1-parse/parse.ts';

/**
 * A parse issue as an `invalid_scheme` error finding, so both kinds are listed the same way.
 * @example issueFinding({ pointer: '/key', path: 'key', keyword: 'required', message: 'is required' }).code // 'invalid_scheme'
 */
export function issueFinding(issue: ParseIssue): Finding {
  return { severity: 'error', code: 'invalid_scheme', pointer: issue.pointer, path: issue.path, message: issue.message };
}

/**
 * The typed scheme when the document parses, and its findings either way (the parse issues as
 * `invalid_scheme` errors when it does not, the analysis when it does).
 * @example
 * const { scheme, findings } = inspectScheme(draft);
 * if (!scheme) findings[0] // { severity: 'error', code: 'invalid_scheme', path: 'indicators[0].key', … }
 */
export function inspectScheme(document: unknown): { scheme?: Scheme; issues: ParseIssue[]; findings: Finding[] } {
  const checked = checkScheme(document);
  if (!checked.ok) return { issues: checked.issues, findings: checked.issues.map(issueFinding) };
  return { scheme: checked.scheme, issues: [], findings: analyzeScheme(checked.scheme) };
}
