/**
 * @module i18n/import-errors
 * Import problems in the studio's languages. The server words every problem of a refused import
 * in English (`message`) and also sends a stable `code` with the values the message was filled
 * with (`args`, see `rules/inputs/problems.ts`); here each code has one message per
 * language, so a Chinese HR user reads Chinese problems. Both catalogues are typed by the
 * shared `ImportErrorCode`: a code missing from either is a type error. The English catalogue
 * reproduces the server's `message` exactly (tested), which keeps the two in step.
 *
 * The type comes from `rules/inputs/problems.ts` (shared by the server's import, the command line
 * and the studio); that module is dependency-free on purpose, so the studio's type check can read it.
 *
 * An entry is a template with `{name}` placeholders, or a function of the args that returns one.
 * A problem whose code is not in the catalogue (an older or newer server), or that lacks an arg
 * the entry needs, is shown with its own `message`. Values the server or a library words itself
 * (the CSV parser's `reason`, a validator's `detail`) are shown as sent.
 *
 * @example
 * importErrorMessage({ code: 'employee_unknown', args: { employee: 'CS99' }, message: 'unknown employee code CS99' }, 'zh-CN')
 * // '工号 CS99 不存在'
 */
import type { ImportErrorCode } from '../../../rules/inputs/problems.ts';
import type { Locale } from './i18n.svelte.ts';
import { fillTemplate, hasArg, literal as lit, type MessageTemplate } from '../../../rules/messages/template.ts';

/** The values an import problem's message was filled with. */
export type ImportErrorArgs = Readonly<Record<string, string | number>>;

/** A message template, or a function of the args choosing one. */
export type ImportErrorTemplate = MessageTemplate<ImportErrorArgs>;

/** What the studio needs of a problem; `code` and `args` are absent from older servers. */
export interface ImportProblem {
  message: string;
  code?: string;
  args?: ImportErrorArgs;
}


const has = hasArg;
/** The items of a list arg (sent joined with ", "). */
const items = (value: string | number) => String(value).split(', ');
// Values a template function puts in itself (not through a {name} placeholder) are wrapped in
// `lit`, so braces in a cell ("{limit}") are not read as placeholders.

// ── English (exactly the server's words) ────────────────────────────────────
/** A refused value: the value as the message quotes it, where inside it, then what is wrong. */
const enValue = (a: ImportErrorArgs, sentence: string) => `${has(a, 'cell') ? '"{cell}": ' : '{value}: '}${has(a, 'where') ? '{where} ' : ''}${sentence}`;

export const importErrorsEn: Record<ImportErrorCode, ImportErrorTemplate> = {
  no_rows: 'there are no data rows to import',
  invalid_csv: 'the file is not valid CSV: {reason}',
  invalid_encoding: 'this row is neither UTF-8 nor GBK text; save the file as "CSV UTF-8" and import it again',
  too_many_columns: 'the row has more than {limit} columns',
  cell_too_long: 'the cell in column {position} has more than {limit} characters',
  too_many_rows: 'the file has more than {limit} data rows; split it into smaller files',
  empty_file: 'the file is empty; it needs a header row with an "employee" column',
  cell_count: 'has {cells} cell(s); the header has {expected}',
  no_employee_column: 'the header has no "employee" column (the employee code)',
  unnamed_column: 'column {position} has no name',
  duplicate_column: 'column "{column}" appears more than once',
  multi_rater_column: '"{column}" is rated by several raters; use one column per rater group: {columns}',
  unknown_column: (a) => `unknown column "{column}": no scheme version of this cycle declares such an input${has(a, 'columns') ? ' (columns: {columns})' : ''}`,
  employee_missing: 'the employee code is missing',
  employee_duplicate: 'employee {employee} already appears in row {firstRow}',
  employee_unknown: 'unknown employee code {employee}',
  employee_inactive: 'employee {employee} is no longer active',
  employee_not_assessed: 'employee {employee} is not assessed in cycle {cycle}: no assignment covers their department and position',
  employee_other_department: 'employee {employee} is in department {department}, which is not one of yours',
  column_not_in_version: '"{column}" is not an input of scheme {scheme} v{version}, which applies to {employee}',
  column_not_multi_rater: '"{input}" is not a multi-rater input, so "{column}" is not a valid column',
  not_a_number: '"{cell}" is not a number',
  not_yes_no: '"{cell}" is not yes/no (true/false, 是/否)',
  unknown_option: '"{cell}" is not one of {options}',
  must_be_number: (a) => enValue(a, 'must be number'),
  must_be_integer: (a) => enValue(a, 'must be integer'),
  must_be_boolean: (a) => enValue(a, 'must be boolean'),
  must_be_text: (a) => enValue(a, 'must be string'),
  must_be_ratings: (a) => enValue(a, 'must be {type}'),
  below_minimum: (a) => enValue(a, 'must be >= {limit}'),
  above_maximum: (a) => enValue(a, 'must be <= {limit}'),
  not_above: (a) => enValue(a, 'must be > {limit}'),
  not_below: (a) => enValue(a, 'must be < {limit}'),
  must_be_option: (a) => enValue(a, 'must be one of: {options}'),
  must_be_scale_point: (a) => enValue(a, 'must be one of: {points}'),
  text_too_long: (a) => enValue(a, 'must be at most {limit} characters'),
  too_many_ratings: (a) => enValue(a, 'has more than {limit} items'),
  no_ratings: (a) => enValue(a, 'must NOT have fewer than {limit} properties'),
  unknown_rater_group: (a) => enValue(a, 'has ratings from an unknown rater group "{group}"'),
  not_an_input: '"{input}" is not an input of scheme {scheme}',
  // Without a value the detail is the whole message (a cell the type conversion refused).
  value_invalid: (a) => (has(a, 'cell') || has(a, 'value') ? enValue(a, '{detail}') : '{detail}'),
};

// ── 简体中文 ────────────────────────────────────────────────────────────────
/** A list arg in Chinese: 、-separated, JSON quotes dropped from strings ("A", "B" → A、B). */
const zhList = (value: string | number) => lit(items(value).map((v) => v.replace(/^"(.*)"$/, '$1')).join('、'));
/** The refused value in Chinese quotes: the cell as written, or the JSON value (a string without its JSON quotes). */
const zhShown = (a: ImportErrorArgs) => {
  if (has(a, 'cell')) return '“{cell}”';
  const json = String(a.value);
  try {
    const parsed: unknown = JSON.parse(json);
    return `“${lit(typeof parsed === 'string' ? parsed : json)}”`;
  } catch {
    return `“${lit(json)}”`;
  }
};
/** A place in a multi-rater value: `supervisor.0` → 评价人分组“supervisor”的第 1 个评分, `supervisor` → 评价人分组“supervisor”的评分. */
const zhWhere = (where: string | number) => {
  const rating = /^(.+)\.(\d+)$/.exec(String(where));
  return rating ? `评价人分组“${lit(rating[1])}”的第 ${Number(rating[2]) + 1} 个评分` : '评价人分组“{where}”的评分';
};
/** What the problem is about: the place in a multi-rater value or the input's title, if known. */
const zhSubject = (a: ImportErrorArgs) => {
  const titled = has(a, 'title') ? `“{title}”` : '';
  if (has(a, 'where')) return `${titled ? `${titled}中` : ''}${zhWhere(a.where)}`;
  if (has(a, 'raterGroup')) return `${titled ? `${titled}中` : ''}评价人分组“{raterGroup}”的评分`;
  return titled;
};
/** "“投诉次数”不能小于 0（填写的是“-1”）", or without a subject "“-1”不能小于 0". */
const zhValue = (a: ImportErrorArgs, predicate: string) => {
  const subject = zhSubject(a);
  return subject ? `${subject}${predicate}（填写的是${zhShown(a)}）` : `${zhShown(a)}${predicate}`;
};
/** The CSV parser's problems HR is likely to meet, in Chinese; others show the parser's words. */
const ZH_CSV: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '有一个引号没有闭合',
  CSV_INVALID_CLOSING_QUOTE: '引号后面紧跟着其他字符（单元格里的引号要写成两个：""）',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: '引号后面紧跟着其他字符（单元格里的引号要写成两个：""）',
};
const zhRatings: Record<string, string> = { object: '应为按评价人分组的评分', array: '应为评分列表' };

export const importErrorsZhCN: Record<ImportErrorCode, ImportErrorTemplate> = {
  no_rows: '文件中没有可导入的数据行',
  invalid_csv: (a) => `文件不是有效的 CSV：${has(a, 'parserCode') && Object.hasOwn(ZH_CSV, a.parserCode) ? ZH_CSV[a.parserCode] : '{reason}'}`,
  invalid_encoding: '这一行的文字既不是 UTF-8 也不是 GBK 编码；请将文件另存为“CSV UTF-8”后重新导入',
  too_many_columns: '这一行超过 {limit} 列',
  cell_too_long: '第 {position} 列的单元格超过 {limit} 个字符',
  too_many_rows: '文件的数据行超过 {limit} 行；请拆分成几个较小的文件',
  empty_file: '文件是空的；第一行应为表头，并包含“employee”列',
  cell_count: '这一行有 {cells} 个单元格，而表头有 {expected} 列',
  no_employee_column: '表头中没有“employee”列（员工工号）',
  unnamed_column: '第 {position} 列没有列名',
  duplicate_column: '“{column}”列出现了不止一次',
  multi_rater_column: (a) => `“{column}”由多位评价人打分，请按评价人分组分列填写：${zhList(a.columns)}`,
  unknown_column: (a) => `未知的列“{column}”：本周期的方案版本中没有这项输入${has(a, 'columns') ? `（可用的列：${zhList(a.columns)}）` : ''}`,
  employee_missing: '缺少员工工号',
  employee_duplicate: '工号 {employee} 与第 {firstRow} 行重复',
  employee_unknown: '工号 {employee} 不存在',
  employee_inactive: '工号 {employee} 的员工已停用',
  employee_not_assessed: '工号 {employee} 的员工不在考核周期 {cycle} 的考核范围内：没有适用于其部门和岗位的方案版本',
  employee_other_department: '工号 {employee} 的员工属于部门“{department}”，不在您负责的部门中',
  column_not_in_version: '工号 {employee} 适用的方案 {scheme} v{version} 中没有“{column}”这项输入',
  column_not_multi_rater: '“{input}”不是多人评价的输入项，不能使用“{column}”列',
  not_a_number: '“{cell}”不是数字',
  not_yes_no: '“{cell}”不是“是/否”（可填：是/否、yes/no、true/false）',
  unknown_option: (a) => `“{cell}”不是可选项（可选：${zhList(a.options)}）`,
  must_be_number: (a) => zhValue(a, '不是数字'),
  must_be_integer: (a) => zhValue(a, '不是整数'),
  must_be_boolean: (a) => zhValue(a, '不是“是/否”'),
  must_be_text: (a) => zhValue(a, '不是文本'),
  must_be_ratings: (a) => zhValue(a, zhRatings[String(a.type)] ?? '应为评分'),
  below_minimum: (a) => zhValue(a, '不能小于 {limit}'),
  above_maximum: (a) => zhValue(a, '不能大于 {limit}'),
  not_above: (a) => zhValue(a, '必须大于 {limit}'),
  not_below: (a) => zhValue(a, '必须小于 {limit}'),
  must_be_option: (a) => zhValue(a, `只能是 ${zhList(a.options)} 之一`),
  must_be_scale_point: (a) => zhValue(a, `只能是评分刻度上的值：${zhList(a.points)}`),
  text_too_long: (a) => zhValue(a, '不能超过 {limit} 个字符'),
  // The subject is "…的评分" already: "评价人分组“peer”的评分最多只能有 500 个".
  too_many_ratings: (a) => (zhSubject(a) ? zhValue(a, '最多只能有 {limit} 个') : zhValue(a, '最多只能有 {limit} 个评分')),
  no_ratings: (a) => zhValue(a, '至少要有一个评价人分组的评分'),
  unknown_rater_group: (a) => zhValue(a, '含有未知评价人分组“{group}”的评分'),
  not_an_input: '“{input}”不是方案 {scheme} 的输入项',
  value_invalid: (a) => (has(a, 'cell') || has(a, 'value') ? zhValue(a, '不符合要求：{detail}') : '不符合要求：{detail}'),
};

/** The import problem messages of each language. */
export const IMPORT_ERROR_MESSAGES: Record<Locale, Record<ImportErrorCode, ImportErrorTemplate>> = { 'zh-CN': importErrorsZhCN, en: importErrorsEn };

/**
 * An import problem's message in a language, from the catalogue and the problem's args; the
 * problem's own (English) message when its code is not in the catalogue or it lacks an arg the
 * message needs.
 * @example importErrorMessage(p, i18n.locale) // in a component: re-renders when the language changes
 */
export function importErrorMessage(problem: ImportProblem, locale: Locale): string {
  const catalogue = IMPORT_ERROR_MESSAGES[locale] as Record<string, ImportErrorTemplate | undefined>;
  const entry = problem.code !== undefined && Object.hasOwn(catalogue, problem.code) ? catalogue[problem.code] : undefined;
  const args = problem.args;
  if (entry === undefined || !args || typeof args !== 'object') return problem.message;
  return fillTemplate(entry, args) ?? problem.message;
}
