/**
 * The scheme designer in a real browser against the real server: building a department scheme
 * from a template (clone, weights with running sums, save, publish), analysis findings shown
 * next to the field they concern and blocking publication until fixed, the live test panel,
 * the rule builder, the unsaved-changes guard, and a stale save.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, openPage, screenshot, useStudio } from './harness.ts';

const studio = useStudio();

/** Clone the property-services template from the gallery; resolves on the new draft's designer. */
async function cloneTemplate(page: Page, key: string, department?: string): Promise<void> {
  await page.goto('/templates');
  await page.getByRole('button', { name: /使用模板 物业服务岗位月度考核/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[name="key"]').fill(key);
  await dialog.locator('input[name="title"]').fill(`${key} 物业服务`);
  if (department !== undefined) await dialog.locator('select[name="department"]').selectOption({ label: department });
  await dialog.getByRole('button', { name: '创建副本' }).click();
  await page.waitForURL(/\/versions\/\d+/);
  await page.locator('[role="toolbar"]').waitFor();
}

const weightCell = (page: Page, row: string, indicator: string) => page.getByLabel(`${row} 的 ${indicator} 权重`);
const rowSum = (page: Page, row: string) => page.locator(`[data-sum="${row}"]`);

describe('scheme designer', () => {
  it('builds a department scheme from a template: clone, edit a weight, running sum, save, publish', async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await login(page, studio.users.manager!);
      await cloneTemplate(page, 'cs-property-2026');
      await screenshot(page, 'designer-indicators');
      await page.locator('#tab-weights').click();
      await expect.poll(() => rowSum(page, 'engineer').textContent()).toContain('100');
      expect(await rowSum(page, 'engineer').getAttribute('class')).not.toContain('bad');

      await weightCell(page, 'engineer', 'closure_rate').fill('35');
      await expect.poll(() => rowSum(page, 'engineer').textContent()).toContain('105');
      expect(await rowSum(page, 'engineer').getAttribute('class')).toContain('bad');
      await expect.poll(() => page.getByRole('button', { name: '发布…' }).isDisabled()).toBe(true); // unsaved
      await screenshot(page, 'designer-weights-red');

      await weightCell(page, 'engineer', 'closure_rate').fill('25');
      await weightCell(page, 'engineer', 'response_time').fill('30');
      await expect.poll(() => rowSum(page, 'engineer').textContent()).toContain('100');
      expect(await rowSum(page, 'engineer').getAttribute('class')).not.toContain('bad');

      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('已保存（修订 2）。').waitFor();
      await page.getByRole('button', { name: '发布…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('生效日期').fill('2026-12-01');
      await dialog.getByLabel('发布说明（记入审计日志）').fill('客服部首个方案');
      await dialog.getByRole('button', { name: '发布', exact: true }).click();
      await page.getByText('版本 1 已发布，自 2026-12-01 起生效。').waitFor();
      await expect.poll(() => page.locator('[role="toolbar"] .badge').first().textContent()).toBe('已发布');
      // A published version is read-only.
      await page.locator('#tab-weights').click();
      expect(await weightCell(page, 'engineer', 'closure_rate').isDisabled()).toBe(true);
      expect(await weightCell(page, 'engineer', 'closure_rate').inputValue()).toBe('25');

      // Versions: start the next draft from the scheme page, compare, then retire v1.
      await page.getByRole('link', { name: '方案与版本' }).click();
      await page.getByRole('button', { name: '新建草稿版本' }).click();
      await page.waitForURL(/\/versions\/\d+/);
      await page.getByRole('link', { name: '与 v1 的差异' }).click();
      await page.getByText('两个版本的规则完全相同。').waitFor();
      await page.getByRole('link', { name: '方案与版本' }).click();
      const rows = page.locator('section[aria-labelledby="versions-title"] tbody tr');
      await expect.poll(() => rows.count()).toBe(2);
      await rows.nth(1).getByRole('button', { name: '停用' }).click();
      const retire = page.getByRole('dialog', { name: '停用版本 1' });
      await retire.getByLabel('生效截止日').fill('2026-12-31');
      await retire.getByRole('button', { name: '停用' }).click();
      await expect.poll(() => rows.nth(1).locator('.badge').textContent()).toBe('已停用');
      expect(await rows.nth(1).textContent()).toContain('2026-12-01 – 2026-12-31');
      await screenshot(page, 'scheme-versions');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows an analysis error next to its field, blocks publishing, and clears it once fixed', async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await login(page, studio.users.hr!);
      await cloneTemplate(page, 'hr-property-check', '人力资源方案库');
      await page.locator('#tab-weights').click();
      await weightCell(page, 'default', 'satisfaction').fill('20');
      await expect.poll(() => rowSum(page, 'default').textContent()).toContain('90');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('已保存（修订 2）。').waitFor();

      // Next to the default row of the matrix, and in the findings panel; publishing is blocked.
      const beside = page.locator('tr[data-row="default"] + tr.findings-row li.error');
      await beside.waitFor();
      expect(await beside.getAttribute('data-code')).toBe('weights_not_100');
      // The finding is worded in the studio's language (Chinese here) from its code and args.
      expect(await beside.textContent()).toContain('默认权重合计为 90，应为 100。');
      expect(await page.locator('#findings-list li.error .message').textContent()).toBe('默认权重合计为 90，应为 100。');
      expect(await page.locator('#tab-weights .tab-errors').textContent()).toBe('1');
      expect(await page.getByRole('button', { name: '发布…' }).isDisabled()).toBe(true);
      await page.getByText('检查结果中有 1 个错误，暂不能发布。').first().waitFor();
      await screenshot(page, 'designer-finding');

      await weightCell(page, 'default', 'satisfaction').fill('30');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('已保存（修订 3）。').waitFor();
      expect(await page.locator('tr[data-row="default"] + tr.findings-row li.error').count()).toBe(0);
      expect(await page.getByRole('button', { name: '发布…' }).isEnabled()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('updates the live test panel as the sample values and the rules change', async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await login(page, studio.users['manager-eng']!);
      await cloneTemplate(page, 'eng-property-live');
      const panel = page.locator('aside.test-panel');
      await panel.getByLabel('岗位').selectOption('engineer');
      await panel.locator('input[data-input="complaints"]').fill('2');
      await expect.poll(() => panel.getByTestId('score-complaints').textContent()).toBe('80'); // 100 − 2 × 10
      await panel.locator('input[data-input="closure_rate"]').fill('90');
      await expect.poll(() => panel.getByTestId('score-closure_rate').textContent()).toBe('75'); // 90/95 = 94.7%: 5 whole steps × 5
      await panel.locator('input[data-input="complaints"]').fill('3');
      await expect.poll(() => panel.getByTestId('score-complaints').textContent()).toBe('70');
      expect(await panel.locator('[data-indicator="complaints"] .badge').textContent()).toBe('正常');

      // Change the rule in the builder: 5 points per complaint instead of the parameter's 10.
      await page.locator('tr[data-indicator="complaints"] button[aria-expanded]').click();
      const pointsSource = page.locator('#rule-3').getByRole('combobox', { name: /每次分值/ });
      await pointsSource.selectOption({ label: '固定数值' });
      await page.locator('#rule-3 input#ind-3-rule-form-points').fill('5');
      await expect.poll(() => panel.getByTestId('score-complaints').textContent()).toBe('85');
      expect(await page.locator('#rule-3 pre.json').textContent()).toBe('{"max":[0,{"-":[100,{"*":[5,{"var":"inputs.complaints"}]}]}]}');
      await screenshot(page, 'designer-live-test');

      // A sample value outside the declared range is reported, not scored.
      await panel.locator('input[data-input="closure_rate"]').fill('120');
      await expect.poll(() => panel.locator('[data-indicator="closure_rate"] .badge').textContent()).toBe('超出范围');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('offers rule patterns, a band table with explicit edges and a checked raw JSON Logic editor', async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await login(page, studio.users.hr!);
      await cloneTemplate(page, 'hr-property-rules', '人力资源方案库');
      await page.locator('tr[data-indicator="response_time"] button[aria-expanded]').click();
      const rule = page.locator('#rule-1');
      expect(await rule.locator('select#ind-1-rule-pattern').inputValue()).toBe('band');
      expect(await rule.locator('code.notation').allTextContents()).toEqual(['(-∞, 15]', '(15, 30]', '(30, 60]', '(60, 120]', '(120, +∞)']);
      // Make the first edge exclusive: (-∞, 15).
      await rule.getByLabel('包含上边界').first().uncheck();
      expect(await rule.locator('code.notation').first().textContent()).toBe('(-∞, 15)');
      expect(await rule.locator('pre.json').textContent()).toContain('{"max":15,"includeMax":false,"value":100}');

      await rule.locator('select#ind-1-rule-pattern').selectOption('raw');
      const raw = rule.getByLabel('JSON Logic 规则');
      await raw.fill('{"max": [0, ');
      await rule.getByText(/不是有效的 JSON/).waitFor();
      await raw.fill('{"nope": [1]}');
      await rule.getByText(/Unknown operator "nope"/).waitFor();
      await raw.fill('{"clamp": [{"var": "inputs.response_minutes"}, 0, 100]}');
      await rule.getByText('有效的 JSON Logic').waitFor();
      // The form recognises the rule again.
      await rule.locator('select#ind-1-rule-pattern').selectOption('direct');
      expect(await rule.locator('pre.json').textContent()).toBe('{"clamp":[{"var":"inputs.response_minutes"},0,100]}');
      await screenshot(page, 'designer-rule-builder');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('warns before leaving with unsaved changes, and handles a save that lost to someone else', async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await login(page, studio.users.hr!);
      await cloneTemplate(page, 'hr-property-guard', '人力资源方案库');
      const versionPath = new URL(page.url()).pathname;
      await page.locator('#tab-general').click();
      await page.getByLabel('方案标题').fill('改过的标题');
      await page.getByRole('link', { name: '模板库' }).click();
      const dialog = page.getByRole('dialog', { name: '有未保存的修改' });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: '留在此页' }).click();
      expect(new URL(page.url()).pathname).toBe(versionPath);
      expect(await page.getByLabel('方案标题').inputValue()).toBe('改过的标题');

      // Someone else saves the same draft meanwhile (same session here, through the API).
      const id = versionPath.split('/')[2];
      const status = await page.evaluate(async (versionId) => {
        const me = await (await fetch('/api/auth/me')).json();
        const version = await (await fetch(`/api/versions/${versionId}`)).json();
        const res = await fetch(`/api/versions/${versionId}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ document: { ...version.document, description: 'changed elsewhere' }, revision: version.revision }),
        });
        return res.status;
      }, id);
      expect(status).toBe(200);
      await page.getByRole('button', { name: '保存', exact: true }).click();
      const stale = page.getByRole('alert').filter({ hasText: '他人已在此期间保存了此草稿' });
      await stale.waitFor();
      expect(await stale.textContent()).toContain('revision 2');
      await screenshot(page, 'designer-stale');
      await stale.getByRole('button', { name: '重新加载最新版本' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '重新加载' }).click();
      await expect.poll(() => page.locator('[role="toolbar"]').textContent()).toContain('修订 2');
      await page.locator('#tab-general').click();
      expect(await page.getByLabel('说明').inputValue()).toBe('changed elsewhere');

      // Nothing unsaved now: leaving needs no confirmation.
      await page.getByRole('link', { name: '模板库' }).click();
      await page.waitForURL((url) => url.pathname === '/templates');
      // The browser itself logs the refused save (409); nothing else may fail.
      expect(errors.filter((e) => !e.includes('status of 409'))).toEqual([]);
      expect(errors).toHaveLength(1);
    } finally {
      await close();
    }
  });
});

describe('scheme designer: findings follow unsaved edits', () => {
  it('checks edits in the browser, with /check unreachable: the finding appears beside the matrix, blocks publishing, and clears once fixed', async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await login(page, studio.users.hr!);
      await cloneTemplate(page, 'hr-property-live-check', '人力资源方案库');
      const versionId = new URL(page.url()).pathname.split('/')[2];
      const checks: string[] = [];
      const saves: string[] = [];
      page.on('request', (req) => {
        if (req.url().endsWith(`/api/versions/${versionId}/check`)) checks.push(req.postData() ?? '');
        if (req.method() === 'PUT') saves.push(req.url());
      });
      // The designer must not need the server to check edits: any /check request would fail.
      await page.route('**/check', (route) => route.abort('connectionfailed'));
      const serverRevision = () => page.evaluate(async (id) => ((await (await fetch(`/api/versions/${id}`)).json()) as { revision: number }).revision, versionId);
      const status = page.locator('.check-status');
      const beside = page.locator('tr[data-row="default"] + tr.findings-row li.error');
      const publish = page.getByRole('button', { name: '发布…' });

      await page.locator('#tab-weights').click();
      const cell = weightCell(page, 'default', 'satisfaction');
      await cell.fill('');
      await cell.pressSequentially('20', { delay: 60 });
      await expect.poll(() => rowSum(page, 'default').textContent()).toContain('90');
      await beside.waitFor();
      expect(await beside.getAttribute('data-code')).toBe('weights_not_100');
      expect(await beside.textContent()).toContain('默认权重合计为 90，应为 100。');
      expect(await page.locator('#findings-list li.error .message').textContent()).toBe('默认权重合计为 90，应为 100。');
      expect(await page.locator('#tab-weights .tab-errors').textContent()).toBe('1');
      await expect.poll(() => status.textContent({ timeout: 2000 })).toContain('已检查（尚未保存）');
      expect(await publish.isDisabled()).toBe(true);
      await page.getByText('检查结果中有 1 个错误，暂不能发布。').first().waitFor();
      await screenshot(page, 'designer-live-finding');

      // Fixed another way than the saved draft (30 here), so still unsaved: the finding goes away.
      await weightCell(page, 'default', 'closure_rate').fill('40');
      await expect.poll(() => rowSum(page, 'default').textContent()).toContain('100');
      await expect.poll(() => beside.count()).toBe(0);
      await expect.poll(() => status.textContent({ timeout: 2000 })).toContain('已检查（尚未保存）');
      expect(await page.locator('#findings-list li.error').count()).toBe(0);
      expect(await page.locator('#tab-weights .tab-errors').count()).toBe(0);
      expect(await page.getByText('检查结果中有').count()).toBe(0);
      expect(await publish.isDisabled()).toBe(true); // unsaved: publishing publishes the saved draft
      expect(await publish.getAttribute('title')).toBe('请先保存修改再发布。');
      expect(saves).toEqual([]);
      expect(checks).toEqual([]);
      expect(await serverRevision()).toBe(1);

      // Saved, the status gives way to the save's own findings and publishing opens up.
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('已保存（修订 2）。').waitFor();
      expect(await status.count()).toBe(0);
      expect(await publish.isEnabled()).toBe(true);
      expect(errors).toEqual([]);

      // A schema issue (not only an analysis finding) is found locally too, and clears when undone.
      await page.locator('#tab-json').click();
      const json = page.locator('#json-doc');
      const document = JSON.parse(await json.inputValue()) as Record<string, unknown>;
      await json.fill(JSON.stringify({ ...document, extra: 1 }));
      await page.getByRole('button', { name: '应用', exact: true }).click();
      const schemaIssue = page.locator('#findings-list li.error', { hasText: 'invalid_scheme' });
      await schemaIssue.waitFor();
      expect(await schemaIssue.locator('.path').textContent()).toBe('(document)');
      expect(await schemaIssue.locator('.message').textContent()).toBe('has an unknown field "extra"');
      await expect.poll(() => status.textContent()).toContain('已检查（尚未保存）');
      await json.fill(JSON.stringify(document));
      await page.getByRole('button', { name: '应用', exact: true }).click();
      await expect.poll(() => schemaIssue.count()).toBe(0);
      expect(await page.locator('#findings-list li.error').count()).toBe(0);
      expect(checks).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
