/**
 * @module cli/check
 * `yardstick check scheme.json`: validate a scheme document and analyse it, printing every
 * problem with its path. Exit 1 when the document is invalid or analysis finds an error.
 */
import { findingMessage } from '../../rules/2-analyze/wording.ts';
import { analyzeScheme, hashScheme, type Finding, type ParseIssue } from '../../rules/index.ts';
import { LOCALES, type Locale } from '../../schemas/vocabulary.ts';
import { choice, EXIT, parseCommandArgs, type Command } from './command.ts';
import { alignColumns, plural, toJson } from './output.ts';
import { readSchemeFile } from './read-input-file.ts';

const SEVERITIES = ['error', 'warning', 'info'] as const;

export const check: Command = {
  name: 'check',
  summary: 'Validate a scheme and run the static analysis',
  usage: `Usage: yardstick check <scheme.json> [--format text|json] [--lang en|zh-CN]

Validates the scheme against schemas/scheme.schema.json, then analyses it: weights per
position sum to 100, bands cover every total without overlap, rules only read declared
inputs, params and indicators, no cycles, quotas add up, design advice.
Prints each finding as "severity  path  message  [code]", errors first, then a summary.

Options:
  --format text|json   text (default), or one JSON object with parseIssues and findings
  --lang en|zh-CN      the language of the findings in text (default en; JSON keeps the English message)

Exit status: 0 no errors (warnings allowed), 1 invalid document or analysis errors, 2 usage.

Example:
  yardstick check schemes/cs-quarterly.json`,

  async run(argv, { io }) {
    const { values, positionals } = parseCommandArgs(this, argv, { format: { type: 'string' }, lang: { type: 'string' } }, { required: ['scheme.json'] });
    const format = choice(this, 'format', values.format, ['text', 'json'], 'text');
    const lang = choice(this, 'lang', values.lang, LOCALES, 'en');
    const file = await readSchemeFile(positionals[0], io.cwd);

    if (!file.ok) {
      if (format === 'json') io.stdout(toJson({ file: file.name, valid: false, parseIssues: file.issues, findings: [] }));
      else {
        io.stdout(issueLines(file.issues).join('\n') + '\n');
        io.stdout(`${file.name}: ${plural(file.issues.length, 'problem')} in the document; it is analysed once the document is valid.\n`);
      }
      return EXIT.problems;
    }

    const findings = sortFindings(analyzeScheme(file.scheme));
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<(typeof SEVERITIES)[number], number>;
    const hash = hashScheme(file.scheme);
    if (format === 'json') {
      io.stdout(toJson({ file: file.name, valid: true, scheme: file.scheme.key, hash, parseIssues: [], findings, counts }));
    } else {
      if (findings.length) io.stdout(findingLines(findings, lang).join('\n') + '\n');
      const tally = findings.length ? `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'note')}` : 'no problems found';
      io.stdout(`${file.name}: ${tally} (scheme "${file.scheme.key}", ${plural(file.scheme.indicators.length, 'indicator')}, ${hash.slice(0, 19)}…).\n`);
    }
    return counts.error > 0 ? EXIT.problems : EXIT.ok;
  },
};

/** Errors first, then warnings, then notes; document order within a severity. */
export function sortFindings(findings: Finding[]): Finding[] {
  const rank = (f: Finding) => {
    const i = (SEVERITIES as readonly string[]).indexOf(f.severity);
    return i < 0 ? SEVERITIES.length : i;
  };
  return findings.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
}

/** `error    weights.positions.driver  Weights for position "driver" sum to 90, not 100.  [weights_not_100]` */
export function findingLines(findings: Finding[], lang: Locale = 'en'): string[] {
  return alignColumns(findings.map((f) => [f.severity, f.path || '(scheme)', `${findingMessage(f, lang)}  [${f.code}]`]));
}

/** `error  indicators[0].key  is required` */
export function issueLines(issues: ParseIssue[]): string[] {
  return alignColumns(issues.map((i) => ['error', i.path, i.message]));
}
