/**
 * HR builds a scheme from scratch in a real browser (not from a template): "new scheme" on the
 * schemes page, inputs and indicators added by hand, rules built with pattern forms (piecewise
 * curve, step deduction above target, severity classes, text lookup, checklist, rank among
 * peers), the generated JSON Logic checked, sample values scored by the live test panel as
 * worked out by hand, weights set, saved and published.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, openPage, screenshot, useStudio } from './harness.ts';

const studio = useStudio();

/** Add an input on the inputs tab, rename it and set its title and type. */
async function addInput(page: Page, key: string, title: string, type: 'number' | 'integer' | 'enum', options?: string[]): Promise<void> {
  await page.getByRole('button', { name: '添加输入' }).click();
  const keyField = page.getByLabel('输入 input 的标识', { exact: true });
  await keyField.fill(key);
  await keyField.press('Tab');
  await page.getByLabel(`输入 ${key} 的名称`).fill(title);
  if (type !== 'number') await page.getByLabel(`输入 ${key} 的类型`).selectOption(type);
  if (options) {
    const field = page.getByLabel(`输入 ${key} 的选项，每行一个，格式为 值=名称`);
    await field.fill(options.join('\n'));
    await field.press('Tab'); // the options are read on change
  }
}

/** Add indicator number n + 1 (its rule opens below it) and name it. */
async function addIndicator(page: Page, n: number, key: string, title: string): Promise<void> {
  await page.getByRole('button', { name: '添加指标' }).click();
  const keyField = page.getByLabel(`第 ${n + 1} 个指标的标识`);
  await keyField.fill(key);
  await keyField.press('Tab');
  await page.getByLabel(`第 ${n + 1} 个指标的名称`).fill(title);
}

const json = (page: Page, i: number) => page.locator(`#rule-${i} pre.json`).textContent();

describe('a scheme built from scratch with the rule builder', () => {
  it('adds inputs and indicators, builds rules with pattern forms, tests them live, weights, saves and publishes', async () => {
    const { page, errors, close } = await openPage(studio, { width: 1400, height: 900 });
    try {
      await login(page, studio.users.hr!);
      await page.goto('/schemes');
      await page.getByRole('button', { name: '新建方案' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('input[name="key"]').fill('ops-scratch');
      await dialog.locator('input[name="title"]').fill('运营部月度考核（自建）');
      await dialog.getByRole('button', { name: '创建并打开设计器' }).click();
      await page.waitForURL(/\/versions\/\d+/);
      await page.locator('[role="toolbar"]').waitFor();

      // Inputs: the new scheme starts with one (completion); add the rest.
      await page.locator('#tab-inputs').click();
      await addInput(page, 'cost', '费用率（占预算）', 'number');
      await addInput(page, 'minor', '一般事件数', 'integer');
      await addInput(page, 'major', '较大事件数', 'integer');
      await addInput(page, 'serious', '重大事件数', 'integer');
      await addInput(page, 'level', '行为评价', 'enum', ['优秀', '良好', '合格', '不合格']);
      await addInput(page, 'passed', '检查合格项', 'integer');
      await addInput(page, 'applicable', '应检查项', 'integer');
      await addInput(page, 'adherence', '遵时度', 'number');

      // Indicator 1 (from the new scheme): a piecewise curve on the completion rate.
      await page.locator('#tab-indicators').click();
      await page.locator('tr[data-indicator="completion"] button[aria-expanded]').click();
      await page.locator('#ind-0-rule-pattern').selectOption('curve');
      await page.getByText('按曲线上的点（数值 → 得分）计分', { exact: false }).waitFor();
      expect(await json(page, 0)).toBe('{"interpolate":[{"var":"inputs.completion"},[[60,0],[80,60],[100,100],[120,110]]]}');
      // Put the last point at 120 → 100 (the indicator's maximum), typed in the form.
      await page.getByLabel('第 4 个点的得分').fill('100');
      await expect.poll(() => json(page, 0)).toBe('{"interpolate":[{"var":"inputs.completion"},[[60,0],[80,60],[100,100],[120,100]]]}');

      // Indicator 2: cost, 1.5 points per 1% above budget.
      await addIndicator(page, 1, 'cost', '费用控制');
      await page.locator('#ind-1-rule-pattern').selectOption('step-deduction');
      await page.locator('#ind-1-rule-form-actual').selectOption('inputs.cost');
      await page.getByLabel('扣分条件：完成率').selectOption('above');
      await page.locator('#ind-1-rule-form-points').fill('1.5');
      await expect.poll(() => json(page, 1)).toBe('{"max":[0,{"-":[100,{"*":[1.5,{"steps":[{"-":[{"div":[{"*":[{"var":"inputs.cost"},100]},100,0]},100]},1,"floor"]}]}]}]}');
      expect(await page.locator('#rule-1').getByText('每档（高于目标的百分点）').count()).toBe(1);
      // A cost: the indicator's direction follows, less is better.
      expect(await page.getByLabel('第 2 个指标的方向').inputValue()).toBe('lower-better');

      // Indicator 3: incidents by severity (the classes start on the integer inputs in order).
      await addIndicator(page, 2, 'incidents', '安全事件');
      await page.locator('#ind-2-rule-pattern').selectOption('severity');
      expect(await page.getByLabel('第 1 类：次数').inputValue()).toBe('inputs.minor');
      expect(await page.getByLabel('第 2 类：次数').inputValue()).toBe('inputs.major');
      expect(await page.getByLabel('第 3 类：次数').inputValue()).toBe('inputs.serious');
      await expect.poll(() => json(page, 2)).toBe('{"max":[0,{"-":[100,{"+":[{"*":[2,{"var":"inputs.minor"}]},{"*":[5,{"var":"inputs.major"}]},{"*":[10,{"var":"inputs.serious"}]}]}]}]}');

      // Indicator 4: behaviour level, a text lookup filled from the enum's options.
      await addIndicator(page, 3, 'conduct', '行为表现');
      await page.locator('#ind-3-rule-pattern').selectOption('lookup');
      expect(await page.getByLabel('查找的取值').inputValue()).toBe('inputs.level');
      await page.getByLabel('第 2 行的得分').fill('80');
      await expect.poll(() => json(page, 3)).toBe('{"lookup":[{"优秀":100,"良好":80,"合格":70,"不合格":0},{"var":"inputs.level"},0]}');

      // Indicator 5: checklist, passed ÷ applicable × 100.
      await addIndicator(page, 4, 'checks', '巡检合格率');
      await page.locator('#ind-4-rule-pattern').selectOption('checklist');
      await page.getByLabel('合格项数（或实得分）').selectOption('inputs.passed');
      await page.getByRole('combobox', { name: '适用项数（或应得分）' }).selectOption('input:applicable');
      await expect.poll(() => json(page, 4)).toBe('{"min":[100,{"div":[{"*":[{"var":"inputs.passed"},100]},{"var":"inputs.applicable"},100]}]}');

      // Indicator 6: rank among the department, best 100 … worst 60; the form writes the peer value.
      await addIndicator(page, 5, 'adherence_rank', '遵时度');
      await page.locator('#ind-5-rule-pattern').selectOption('rank-linear');
      await page.getByLabel('排名依据').selectOption('inputs.adherence');
      await page.getByLabel('排名范围').selectOption('department');
      await page.getByLabel('最低分（最后一名）').fill('60');
      await expect.poll(() => json(page, 5)).toBe('{"var":"population.adherence_rank_rank"}');
      await page.locator('#rule-5').getByText('存为同组数值 adherence_rank_rank').waitFor();

      // Weights of the default row: 30 / 20 / 15 / 15 / 10 / 10.
      await page.locator('#tab-weights').click();
      const weights: Array<[string, string]> = [['completion', '30'], ['cost', '20'], ['incidents', '15'], ['conduct', '15'], ['checks', '10'], ['adherence_rank', '10']];
      for (const [key, w] of weights) await page.getByLabel(`default 的 ${key} 权重`).fill(w);
      await expect.poll(() => page.locator('[data-sum="default"]').textContent()).toContain('100');

      // The live test panel, with hand-worked scores.
      const panel = page.locator('aside.test-panel');
      await panel.locator('input[data-input="completion"]').fill('90'); // between (80, 60) and (100, 100)
      await panel.locator('input[data-input="cost"]').fill('103.5'); // 3.5% above: 3 whole steps × 1.5
      await panel.locator('input[data-input="minor"]').fill('3');
      await panel.locator('input[data-input="major"]').fill('1');
      await panel.locator('input[data-input="serious"]').fill('0'); // 100 − 3×2 − 1×5
      await panel.locator('select[data-input="level"]').selectOption('良好');
      await panel.locator('input[data-input="passed"]').fill('18');
      await panel.locator('input[data-input="applicable"]').fill('20'); // 18 ÷ 20 × 100
      await panel.locator('input[data-input="adherence"]').fill('97');
      await panel.getByLabel('遵时度排名得分').fill('90'); // the peer value the engine computes across the department
      await expect.poll(() => panel.getByTestId('score-completion').textContent()).toBe('80');
      await expect.poll(() => panel.getByTestId('score-cost').textContent()).toBe('95.5');
      await expect.poll(() => panel.getByTestId('score-incidents').textContent()).toBe('89');
      await expect.poll(() => panel.getByTestId('score-conduct').textContent()).toBe('80');
      await expect.poll(() => panel.getByTestId('score-checks').textContent()).toBe('90');
      await expect.poll(() => panel.getByTestId('score-adherence_rank').textContent()).toBe('90');
      // 0.3×80 + 0.2×95.5 + 0.15×89 + 0.15×80 + 0.1×90 + 0.1×90 = 86.45 → B (80–90)
      await expect.poll(() => panel.getByTestId('test-total').textContent()).toBe('86.45');
      expect(await panel.getByTestId('test-grade').textContent()).toBe('B');
      // Past the curve's end, and the floor of the severity classes.
      await panel.locator('input[data-input="completion"]').fill('130');
      await expect.poll(() => panel.getByTestId('score-completion').textContent()).toBe('100');
      await panel.locator('input[data-input="serious"]').fill('12');
      await expect.poll(() => panel.getByTestId('score-incidents').textContent()).toBe('0');
      await page.locator('#tab-indicators').click();
      await page.locator('tr[data-indicator="cost"] button[aria-expanded]').click();
      await page.locator('tr[data-indicator="adherence_rank"] button[aria-expanded]').click();
      await page.evaluate(() => window.scrollTo(0, 0)); // sticky bars stay at the top of a full-page shot
      await screenshot(page, 'designer-scratch-patterns', true);

      // Save: the rules and the peer value are in the stored document.
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('已保存（修订 2）。').waitFor();
      const id = new URL(page.url()).pathname.split('/')[2];
      const stored = await page.evaluate(async (versionId) => (await (await fetch(`/api/versions/${versionId}`)).json()) as { document: { population?: { values?: unknown[] } }; findings: Array<{ severity: string; code: string; pointer: string }> }, id);
      expect(stored.document.population?.values).toEqual([
        { key: 'adherence_rank_rank', title: '遵时度排名得分', kind: 'rank-linear', source: 'inputs.adherence', order: 'higher-better', scope: 'department', best: 100, worst: 60 },
      ]);
      expect(stored.findings.filter((f) => f.severity === 'error')).toEqual([]);

      // Reopened, each rule opens in its own form again.
      await page.reload();
      await page.locator('[role="toolbar"]').waitFor();
      await page.locator('tr[data-indicator="adherence_rank"] button[aria-expanded]').click();
      expect(await page.locator('#ind-5-rule-pattern').inputValue()).toBe('rank-linear');
      expect(await page.getByLabel('排名范围').inputValue()).toBe('department');

      await page.getByRole('button', { name: '发布…' }).click();
      const publish = page.getByRole('dialog');
      await publish.getByLabel('生效日期').fill('2026-12-01');
      await publish.getByLabel('发布说明（记入审计日志）').fill('运营部自建方案');
      await publish.getByRole('button', { name: '发布', exact: true }).click();
      await page.getByText('版本 1 已发布，自 2026-12-01 起生效。').waitFor();
      await expect.poll(() => page.locator('[role="toolbar"] .badge').first().textContent()).toBe('已发布');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 240_000);
});
