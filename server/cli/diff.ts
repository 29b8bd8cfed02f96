/**
 * @module cli/diff
 * `yardstick diff a.json b.json`: what changed from one scheme version to the next, one change
 * per line with its path. Differences are information, not problems: exit 0 either way.
 */
import { diffChangeText } from '../../rules/diff/wording.ts';
import { diffSchemes } from '../../rules/index.ts';
import { LOCALES } from '../../schemas/vocabulary.ts';
import { choice, EXIT, parseCommandArgs, type Command } from './command.ts';
import { alignColumns, toJson } from './output.ts';
import { loadScheme } from './read-input-file.ts';

export const diff: Command = {
  name: 'diff',
  summary: 'Show what changed between two versions of a scheme',
  usage: `Usage: yardstick diff <old.json> <new.json> [--format text|json]

Compares two scheme versions entity by entity (indicators, weights, bands, params, quotas …
matched by key, so reordering is not an edit) and prints one change per line:
  changed  weights.positions.engineer.indicators.response_time  weight of "response_time" for position "engineer" 30 → 25

Options:
  --format text|json   text (default), or a JSON array of changes (kind, pointer, path, subject, form, before, after, text)
  --lang en|zh-CN      the language of the text lines (default en; JSON keeps the English text)

Exit status: 0 (with or without differences), 1 a file is not a valid scheme, 2 usage.

Example:
  git show HEAD~1:schemes/cs.json > /tmp/old.json && yardstick diff /tmp/old.json schemes/cs.json`,

  async run(argv, { io }) {
    const { values, positionals } = parseCommandArgs(this, argv, { format: { type: 'string' }, lang: { type: 'string' } }, { required: ['old.json', 'new.json'] });
    const format = choice(this, 'format', values.format, ['text', 'json'], 'text');
    const lang = choice(this, 'lang', values.lang, LOCALES, 'en');
    const [a, b] = [await loadScheme(positionals[0], io.cwd), await loadScheme(positionals[1], io.cwd)];
    const changes = diffSchemes(a.scheme, b.scheme);
    if (format === 'json') io.stdout(toJson(changes));
    else if (!changes.length) io.stdout('No differences.\n');
    else io.stdout(alignColumns(changes.map((c) => [c.kind, c.path || '(scheme)', diffChangeText(c, lang)])).join('\n') + '\n');
    return EXIT.ok;
  },
};
