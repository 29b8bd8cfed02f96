/**
 * A cycle from start to results in a real browser against the real server: HR opens a cycle,
 * assigns a published scheme version, starts collecting, imports a GBK-encoded CSV that has an
 * error (the server's row/column errors are listed, in Chinese, and nothing is saved), then a clean UTF-8
 * CSV with BOM, then an .xlsx file; downloads the input template; edits a cell; evaluates with
 * a progress bar; and reads and exports the results.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import writeExcelFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, openPage, screenshot, useStudio } from './harness.ts';

const studio = useStudio();
let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'yardstick-studio-files-'));
});
afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const HEADER = ['employee', 'complaints', 'closure_rate', 'satisfaction', 'response_minutes', 'missed_inspections'];
const codes = Array.from({ length: 18 }, (_, i) => `CS${String(i + 1).padStart(2, '0')}`);
const row = (code: string, i: number) => [code, i % 3, 90 + (i % 10), 85 + (i % 12), 10 + i * 3, 0];

/** The CSV as GBK bytes: ASCII stays ASCII; one cell holds 不适用 ("not applicable") in GBK. */
function gbkCsvWithError(): Buffer {
  const lines = [HEADER.join(','), ...codes.map((c, i) => row(c, i).join(','))];
  const [head, ...rest] = lines.join('\r\n').split('CS05,');
  const gbkNotApplicable = Buffer.from([0xb2, 0xbb, 0xca, 0xca, 0xd3, 0xc3]);
  // CS05's complaints cell becomes 不适用.
  const tail = rest.join('CS05,').replace(/^\d+/, '');
  return Buffer.concat([Buffer.from(`${head}CS05,`, 'ascii'), gbkNotApplicable, Buffer.from(`${tail}\r\n`, 'ascii')]);
}

describe('cycle workflow', () => {
  it('opens a cycle, imports data (GBK with an error, UTF-8 with BOM, xlsx), evaluates and shows results', { timeout: 120_000 }, async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await login(page, studio.users.hr!);
      await page.goto('/cycles');
      await page.getByRole('button', { name: '开启考核周期' }).click();
      const form = page.getByRole('dialog');
      await form.getByLabel('标识').fill('2026-11');
      await form.getByLabel('名称').fill('2026年11月 客服月度考核');
      await form.getByLabel('开始日期').fill('2026-11-01');
      await form.getByLabel('结束日期').fill('2026-11-30');
      await form.getByRole('button', { name: '开启', exact: true }).click();
      await page.waitForURL(/\/cycles\/\d+$/);

      await page.getByRole('button', { name: '修改' }).click();
      await page.getByRole('button', { name: '添加一行' }).click();
      await page.getByLabel('第 1 行的方案版本').selectOption({ label: '物业服务月度考核 Property services monthly · property-monthly v1' });
      await page.getByLabel('第 1 行的部门').selectOption({ label: '客服部 Customer service' });
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByRole('link', { name: 'property-monthly v1' }).waitFor();
      await page.getByRole('button', { name: '开始收集数据' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '开始收集数据' }).click();
      await expect.poll(() => page.locator('.page-header .badge').textContent()).toBe('数据收集中');
      await screenshot(page, 'cycle-overview');

      await page.getByRole('tab', { name: '考核数据' }).click();
      const file = page.locator('input[type="file"]');
      // 1. GBK CSV with one bad cell: decoded correctly, rejected with row and column, nothing saved.
      await file.setInputFiles({ name: '客服-11月.csv', mimeType: 'text/csv', buffer: gbkCsvWithError() });
      await page.getByText('GBK / GB18030').waitFor();
      await page.getByRole('button', { name: '导入', exact: true }).click();
      const problems = page.locator('.problems');
      await problems.waitFor();
      expect(await problems.textContent()).toContain('未导入任何数据');
      const problemRow = problems.locator('tbody tr').first();
      expect(await problemRow.locator('td').nth(0).textContent()).toBe('6'); // CS05 is line 6 (header = 1)
      expect(await problemRow.locator('td').nth(1).textContent()).toBe('complaints');
      // The server's code + args, worded in Chinese (its English message would be '"不适用" is not a number').
      expect(await problemRow.locator('td').nth(2).textContent()).toBe('“不适用”不是数字');
      await screenshot(page, 'cycle-import-errors');
      expect(await page.locator('.grid tbody tr').first().locator('td.cell').first().textContent()).toBe('');

      // 2. A clean UTF-8 CSV with a byte-order mark.
      const csv = `\ufeff${[HEADER.join(','), ...codes.map((c, i) => row(c, i).join(','))].join('\r\n')}\r\n`;
      await file.setInputFiles({ name: 'cs-2026-11.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await page.getByText('UTF-8（含 BOM）').waitFor();
      await page.getByRole('button', { name: '导入', exact: true }).click();
      await page.getByText(/已导入 18 行/).waitFor();

      // 3. An Excel workbook changing two people.
      const xlsx = join(folder, 'corrections.xlsx');
      const blob = await writeExcelFile([HEADER.map((h) => ({ value: h })), [{ value: 'CS01' }, { value: 4 }, { value: 88.5 }, { value: 80 }, { value: 25 }, { value: 1 }], [{ value: 'CS02' }, { value: 0 }, { value: 99 }, { value: 97 }, { value: 12 }, { value: 0 }]]).toBuffer();
      writeFileSync(xlsx, blob);
      await file.setInputFiles(xlsx);
      await page.getByText('Excel 工作簿').waitFor();
      await page.getByRole('button', { name: '导入', exact: true }).click();
      await page.getByText(/已导入 2 行/).waitFor();
      await expect.poll(() => page.getByLabel('CS01 的 有效投诉次数').inputValue()).toBe('4');

      // Typing into the grid saves the cell.
      await page.getByLabel('CS03 的 有效投诉次数').fill('5');
      await page.getByLabel('CS03 的 有效投诉次数').press('Tab');
      await expect.poll(() => page.getByLabel('CS03 的 有效投诉次数').evaluate((el) => el.closest('td')!.className)).toContain('saved');
      await screenshot(page, 'cycle-inputs');

      // The input template, with the stored values.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载数据模板（CSV）' }).click()]);
      const template = readFileSync((await download.path())!, 'utf8');
      expect(template.charCodeAt(0)).toBe(0xfeff);
      const [headerLine, firstLine] = template.slice(1).split('\r\n');
      expect(headerLine!.split(',')[0]).toBe('employee');
      expect(headerLine!.split(',')).toEqual(expect.arrayContaining(HEADER));
      expect(firstLine!.startsWith('CS01,')).toBe(true);

      // Evaluate with progress.
      await page.getByRole('tab', { name: '概览' }).click();
      await page.getByRole('button', { name: '开始评估' }).click();
      await page.getByText('完成：已保存 18 条结果。').waitFor({ timeout: 60_000 });
      expect(await page.locator('progress').getAttribute('value')).toBe('18');
      await expect.poll(() => page.locator('.page-header .badge').textContent()).toBe('已评估');
      await screenshot(page, 'cycle-evaluated');

      await page.getByRole('link', { name: '考核结果' }).click();
      await page.locator('main tbody tr').first().waitFor();
      expect(await page.locator('main tbody tr').count()).toBe(18);
      const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出（.xlsx）' }).click()]);
      expect(xlsxDownload.suggestedFilename()).toBe('results-2026-11.xlsx');
      const bytes = readFileSync((await xlsxDownload.path())!);
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip container
      // The import problems (400) and nothing else.
      expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
      expect(errors).toHaveLength(1);
    } finally {
      await close();
    }
  });
});
