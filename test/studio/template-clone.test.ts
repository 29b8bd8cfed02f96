/**
 * A manager adopts HR's KPI library (C08) for their department in a real browser: clone it,
 * see that its 120 thresholds are blanks that block publishing, fill them in the parameters
 * table, publish, and compare the copy with the template it came from.
 */
import { describe, expect, it } from 'vitest';
import { login, openPage, screenshot, useStudio } from './harness.ts';

const studio = useStudio();

/** Threshold values by the line a parameter's title names: higher-better lines, then lower-better (cost) lines. */
const LINES: Array<[RegExp, number]> = [
  [/优秀下限/, 95],
  [/良好下限/, 90],
  [/尚可下限/, 85],
  [/一般下限/, 80],
  [/优秀上限/, 95],
  [/良好上限/, 100],
  [/尚可上限/, 105],
  [/一般上限/, 110],
];

describe('template library', () => {
  it('lets a manager clone the KPI library, fill its blanks, publish and compare with the template', { timeout: 180_000 }, async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await login(page, studio.users.manager!);
      await page.goto('/templates');
      await page.getByRole('button', { name: /使用模板 KPI 指标库/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('input[name="key"]').fill('cs-kpi-2026');
      await dialog.locator('input[name="title"]').fill('客服部 KPI 2026');
      await dialog.getByRole('button', { name: '创建副本' }).click();
      await page.waitForURL(/\/versions\/\d+/);
      const versionPath = new URL(page.url()).pathname;

      // The blanks are errors of the department's copy: publishing is blocked.
      await page.locator('#tab-params').click();
      await page.getByText('还有 120 个参数为空，发布前须填写。').waitFor();
      expect(await page.getByRole('button', { name: '发布…' }).isDisabled()).toBe(true);

      // Fill every threshold from what its title says it is.
      const rows = page.locator('section[aria-labelledby="params-title"] tbody tr');
      expect(await rows.count()).toBe(120);
      const titles = await rows.locator('td:nth-child(2) input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
      for (const [i, title] of titles.entries()) {
        const value = LINES.find(([line]) => line.test(title))?.[1];
        expect(value, title).toBeDefined();
        await rows.nth(i).locator('td.value input').fill(String(value));
      }
      await expect.poll(() => page.getByText(/个参数为空/).count()).toBe(0);
      // The findings follow the edits before anything is saved: no blank is reported any more.
      await expect.poll(() => page.getByText(/尚未填写，请在发布前填写/).count(), { timeout: 15_000 }).toBe(0);
      await screenshot(page, 'designer-params-filled');

      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('已保存（修订 2）。').waitFor();
      await expect.poll(() => page.getByRole('button', { name: '发布…' }).isDisabled()).toBe(false);
      await page.getByRole('button', { name: '发布…' }).click();
      const publish = page.getByRole('dialog');
      await publish.getByLabel('生效日期').fill('2027-01-01');
      await publish.getByLabel('发布说明（记入审计日志）').fill('客服部采用 KPI 指标库');
      await publish.getByRole('button', { name: '发布', exact: true }).click();
      await page.getByText('版本 1 已发布，自 2027-01-01 起生效。').waitFor();

      // What differs from the template: the copy's key, title and template flag, and the 120 thresholds.
      await page.goto(versionPath);
      await page.getByRole('link', { name: '与来源版本比较' }).click();
      await page.waitForURL(/\/diff\?against=\d+/);
      const changes = page.locator('table.diff tbody tr:not(.section)');
      await expect.poll(() => changes.count()).toBe(123);
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain('参数“人力资源配置完成率_优秀线”设为 95');
      expect(text).toContain('方案模板标记由“是”改为“否”');
      expect(await page.locator('tr.section th').allTextContents()).toEqual(['基本信息', '参数']);
      await screenshot(page, 'diff-template');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
