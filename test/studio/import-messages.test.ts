/**
 * Import problems in the studio's languages (`studio/src/i18n/import-errors.ts`), in Node: the
 * English catalogue words every problem the server produces on deliberately bad files exactly as
 * the server does (the problems come from the real API, on PGlite and on PostgreSQL when
 * TEST_DATABASE_URL is set), the Chinese one uses the problem's args, and a problem without a known
 * code or a needed arg keeps its own message.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_ERROR_CODES, type ImportErrorCode } from '../../rules/inputs/problems.ts';
import { IMPORT_ERROR_MESSAGES, importErrorMessage, type ImportProblem } from '../../studio/src/i18n/import-errors.ts';
import { describeEachApp } from '../server/helpers/app.ts';
import { sendBadImports, type SentProblem } from '../server/api/support/bad-imports.ts';

/** Codes no bad file can produce today (no schema uses the keyword, or the import checks first). */
const NOT_PRODUCED: Record<string, ImportProblem> = {
  not_above: { code: 'not_above', args: { input: 'rate', cell: '0', limit: 0 }, message: '"0": must be > 0' },
  not_below: { code: 'not_below', args: { input: 'rate', value: '100', limit: 100 }, message: '100: must be < 100' },
  column_not_multi_rater: { code: 'column_not_multi_rater', args: { input: 'complaints', column: 'complaints.peer' }, message: '"complaints" is not a multi-rater input, so "complaints.peer" is not a valid column' },
  value_invalid: { code: 'value_invalid', args: { input: 'remark', detail: 'is odd' }, message: 'is odd' },
  // No longer sent: a manager's row of another department reads like an unknown code.
  employee_other_department: { code: 'employee_other_department', args: { employee: 'E004', department: 'Engineering' }, message: 'employee E004 is in department Engineering, which is not one of yours' },
};

const chinese = /[\u4e00-\u9fff]/;

describe('import problem catalogue', () => {
  it('has an entry for every import problem code in both languages', () => {
    for (const catalogue of Object.values(IMPORT_ERROR_MESSAGES)) expect(Object.keys(catalogue).sort()).toEqual([...IMPORT_ERROR_CODES].sort());
  });

  it('words the codes no bad file produces in English as the server would, and in Chinese', () => {
    for (const problem of Object.values(NOT_PRODUCED)) {
      expect(importErrorMessage(problem, 'en')).toBe(problem.message);
      expect(importErrorMessage(problem, 'zh-CN')).toMatch(chinese);
    }
    expect(importErrorMessage({ code: 'value_invalid', args: { input: 'x', cell: 'a', detail: 'is odd' }, message: '"a": is odd' }, 'en')).toBe('"a": is odd');
  });

  it('renders problems in natural Chinese from their args', () => {
    const zh = (code: ImportErrorCode, args: Record<string, string | number>) => importErrorMessage({ code, args, message: 'English' }, 'zh-CN');
    expect(zh('not_a_number', { input: 'complaints', cell: 'abc' })).toBe('“abc”不是数字');
    expect(zh('employee_unknown', { employee: 'CS99' })).toBe('工号 CS99 不存在');
    expect(zh('below_minimum', { input: 'complaints', title: '投诉次数', cell: '-1', limit: 0 })).toBe('“投诉次数”不能小于 0（填写的是“-1”）');
    expect(zh('below_minimum', { input: 'complaints', cell: '-1', limit: 0 })).toBe('“-1”不能小于 0');
    expect(zh('above_maximum', { input: 'attitude', cell: '4;7', raterGroup: 'supervisor', limit: 5 })).toBe('评价人分组“supervisor”的评分不能大于 5（填写的是“4;7”）');
    expect(zh('above_maximum', { input: 'attitude', value: '{"supervisor":[4,9]}', where: 'supervisor.1', limit: 5 })).toBe('评价人分组“supervisor”的第 2 个评分不能大于 5（填写的是“{"supervisor":[4,9]}”）');
    expect(zh('must_be_option', { input: 'quality', value: '"Z"', options: '"A", "B", "C"' })).toBe('“Z”只能是 A、B、C 之一');
    expect(zh('unknown_option', { input: 'quality', cell: 'D', options: 'A, B, C' })).toBe('“D”不是可选项（可选：A、B、C）');
    expect(zh('employee_duplicate', { employee: 'E002', firstRow: 3 })).toBe('工号 E002 与第 3 行重复');
    expect(zh('cell_count', { cells: 5, expected: 6 })).toBe('这一行有 5 个单元格，而表头有 6 列');
    expect(zh('duplicate_column', { column: 'complaints' })).toBe('“complaints”列出现了不止一次');
    expect(zh('invalid_csv', { reason: 'Quote Not Closed: …', parserCode: 'CSV_QUOTE_NOT_CLOSED' })).toBe('文件不是有效的 CSV：有一个引号没有闭合');
    expect(zh('invalid_csv', { reason: 'Something new' })).toBe('文件不是有效的 CSV：Something new');
    // Braces in a value are text, not placeholders.
    expect(zh('must_be_integer', { input: 'complaints', value: '"{limit}"' })).toBe('“{limit}”不是整数');
    expect(zh('not_a_number', { input: 'complaints', cell: '{cells}' })).toBe('“{cells}”不是数字');
  });

  it('falls back to the message for an unknown code, missing args or a missing arg', () => {
    const message = 'As sent.';
    expect(importErrorMessage({ message }, 'zh-CN')).toBe(message);
    expect(importErrorMessage({ code: 'something_new', args: {}, message }, 'zh-CN')).toBe(message);
    expect(importErrorMessage({ code: 'employee_unknown', message }, 'zh-CN')).toBe(message);
    expect(importErrorMessage({ code: 'employee_unknown', args: {}, message }, 'zh-CN')).toBe(message);
    expect(importErrorMessage({ code: 'below_minimum', args: { input: 'x', limit: 0 }, message }, 'en')).toBe(message); // neither cell nor value
    expect(importErrorMessage({ code: 'constructor', args: {}, message }, 'zh-CN')).toBe(message);
    expect(importErrorMessage({ code: 'toString', args: {}, message }, 'en')).toBe(message);
  });
});

describeEachApp('import problems from the server', (ctx) => {
  let problems: SentProblem[];
  beforeAll(async () => {
    const sent = await sendBadImports(ctx());
    problems = sent.flatMap((s) => s.problems);
  });

  it('words every problem of the bad files in English exactly as the server does, and in Chinese from its args', () => {
    const produced = new Set(problems.map((p) => p.code));
    expect([...IMPORT_ERROR_CODES].filter((c) => !produced.has(c)).sort()).toEqual(Object.keys(NOT_PRODUCED).sort());
    for (const p of problems) {
      expect(importErrorMessage(p, 'en'), p.code).toBe(p.message);
      const zh = importErrorMessage(p, 'zh-CN');
      expect(zh, p.code).not.toBe(p.message);
      expect(zh, p.code).toMatch(chinese);
      expect(zh, p.code).not.toMatch(/undefined|\{\w+\}|[\u0000\u0001]/);
    }
  });

  it('shows the server’s own message when the studio does not know the code, or the args are missing', () => {
    for (const p of problems) {
      expect(importErrorMessage({ ...p, code: `${p.code}_v2` }, 'zh-CN')).toBe(p.message);
      expect(importErrorMessage({ message: p.message }, 'zh-CN')).toBe(p.message);
    }
  });
});
