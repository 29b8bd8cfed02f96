/**
 * Results, dashboards and the auditor's tools in a real browser against the real server (the
 * demo's published October cycle): an employee sees only their own result, on a phone-sized
 * screen too; HR filters, sorts and opens results and reproduces one; the dashboard draws its
 * charts; the simulator recomputes the cycle in the browser; auditors read versions, diffs and
 * the audit log and verify its chain, without any way to change things.
 */
import { describe, expect, it } from 'vitest';
import { login, noHorizontalScroll, openPage, screenshot, useStudio } from './harness.ts';

const studio = useStudio();

const PHONE = { width: 390, height: 844 };


describe('results', () => {
  it('shows an employee only their own result, with explanations, on a phone', async () => {
    const { page, errors, close } = await openPage(studio, PHONE);
    try {
      await login(page, studio.users.employee!);
      expect(new URL(page.url()).pathname).toBe('/me');
      const cards = page.locator('a.result');
      await cards.first().waitFor();
      expect(await cards.count()).toBe(1);
      expect(await cards.first().textContent()).toContain('2026年10月');
      expect(await noHorizontalScroll(page)).toBe(true);
      await screenshot(page, 'me-phone');

      await cards.first().click();
      await page.waitForURL(/\/cycles\/\d+\/results\/\d+/);
      await page.getByTestId('result-total').waitFor();
      expect(await page.locator('main h1').textContent()).toContain('我的考核结果');
      expect(await page.locator('.page-header p').textContent()).toContain('CS02');
      const indicators = page.locator('li.indicator');
      expect(await indicators.count()).toBeGreaterThanOrEqual(4);
      // The demo employee reads Chinese: the engine's message, worded from its code and args.
      const explanation = await indicators.first().locator('.explanation').textContent();
      expect(explanation).toMatch(/^[\d.]+ 分，依据 \S+ = /);
      expect(explanation).not.toMatch(/\d points from /);
      // Every indicator's steps, opened: the worded ones are Chinese, none is left in English words.
      for (const summary of await page.locator('li.indicator details summary').all()) await summary.click();
      const steps = await page.locator('ol.trace li').allTextContents();
      expect(steps.length).toBeGreaterThan(4);
      expect(steps.some((step) => /[\u4e00-\u9fff]/.test(step))).toBe(true);
      expect(steps.filter((step) => /\b(is in|is not|fallback|steps of|above the last|below the first|lies between|in the table)\b/.test(step))).toEqual([]);
      expect(await noHorizontalScroll(page)).toBe(true);
      await screenshot(page, 'result-phone');
      await screenshot(page, 'result-phone-full', true);

      // Appeal the result; the appeal is listed with its status and the form closes.
      await page.getByRole('button', { name: '对此结果提出申诉' }).click();
      await page.getByLabel('申诉理由').fill('投诉次数统计有误，10 月 12 日的投诉已撤销。');
      await page.getByRole('button', { name: '提交申诉' }).click();
      await page.locator('.appeal .badge').filter({ hasText: '已提交' }).waitFor();
      expect(await page.getByRole('button', { name: '对此结果提出申诉' }).count()).toBe(0);

      // Someone else's result: the API refuses, the page says why.
      const other = page.url().replace(/results\/(\d+)$/, (_m, id: string) => `results/${Number(id) === 1 ? 3 : 1}`);
      await page.goto(other);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('You can only see your own results.');
      // The refused request itself is logged by the browser; nothing else may fail.
      expect(errors.filter((e) => !e.includes('status of 403'))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('lets HR filter and sort the results, open one and reproduce it', async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await login(page, studio.users.hr!);
      await page.goto('/results');
      await page.getByRole('link', { name: /2026年10月/ }).click();
      await page.waitForURL(/\/cycles\/\d+\/results$/);
      const rows = page.locator('main tbody tr');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(50); // first page of 60
      await page.getByLabel('部门').selectOption({ label: '工程部 Engineering' });
      await expect.poll(() => rows.count()).toBe(16);
      await page.getByRole('button', { name: /^总分/ }).click();
      await expect.poll(() => page.url()).toContain('sort=-total');
      const totals = (await rows.locator('td:nth-child(6)').allTextContents()).map(Number);
      expect(totals).toEqual([...totals].sort((a, b) => b - a));
      await screenshot(page, 'results-hr');

      await rows.first().locator('a').first().click();
      await page.getByTestId('result-grade').waitFor();
      await page.getByRole('button', { name: '复现结果' }).click();
      await page.getByText('复现成功：重新计算的结果完全一致。').waitFor();
      // The demo evaluated its month once: one revision, the current one, written by HR's job.
      await page.getByRole('button', { name: '查看历史版本' }).click();
      const revisions = page.locator('section[aria-labelledby="revisions-title"] tbody tr');
      await revisions.first().waitFor();
      expect(await revisions.count()).toBe(1);
      expect(await revisions.first().locator('td').first().textContent()).toMatch(/^1\s*当前$/);
      expect(await revisions.first().locator('td').nth(3).textContent()).toBe('人力资源 HR');
      await screenshot(page, 'result-hr', true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows a manager only their department', async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await login(page, studio.users.manager!);
      await page.goto('/results');
      await page.getByRole('link', { name: /2026年10月/ }).click();
      const rows = page.locator('main tbody tr');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(18);
      expect(new Set(await rows.locator('td:nth-child(4)').allTextContents())).toEqual(new Set(['客服部 Customer service']));
      expect(await page.getByLabel('部门').locator('option').allTextContents()).toEqual(['全部部门', '客服部 Customer service']);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('draws the dashboard: distribution against quotas, radar, heat map and ranking', async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await login(page, studio.users.hr!);
      await page.goto('/dashboards');
      await page.getByRole('link', { name: /2026年10月/ }).click();
      await page.waitForURL(/\/dashboard$/);
      await page.locator('canvas').first().waitFor();
      expect(await page.locator('canvas').count()).toBe(2);
      await page.getByRole('combobox', { name: '部门' }).selectOption({ label: '客服部 Customer service' });
      // 18 people, A at most 20% rounded down = 3.
      const quotaRow = page.locator('table.figures tbody tr').nth(1);
      expect(await quotaRow.locator('td').first().textContent()).toBe('3');
      expect(await page.locator('table.heat tbody tr').count()).toBe(3);
      expect(await page.locator('#rank-title + .table-wrap tbody tr').count()).toBe(20);
      await page.waitForTimeout(300);
      await screenshot(page, 'dashboard');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('simulates changed weights and bands on the cycle data in the browser', async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await login(page, studio.users.hr!);
      await page.goto('/cycles');
      await page.getByRole('link', { name: /2026年10月/ }).click();
      await page.getByRole('link', { name: '模拟测算' }).click();
      await page.waitForURL(/\/simulator$/);
      const timing = page.getByText(/48 人重新计算/);
      await timing.waitFor();
      expect(await page.getByRole('heading', { name: /48 人中有 0 人等级变化/ }).count()).toBe(1);
      // A stricter A band: 95 instead of 90 (B now reaches up to 95).
      await page.locator('#band-0-min').fill('95');
      await page.locator('#band-1-max').fill('95');
      await page.getByRole('heading', { name: /48 人中有 [1-9]\d* 人等级变化/ }).waitFor();
      expect(await page.locator('tr.grade-changed').count()).toBeGreaterThan(0);
      expect(await page.locator('tr.grade-changed').first().textContent()).toContain('A →');
      // Why: same total, the band moved.
      expect(await page.locator('tr.grade-changed').first().locator('td.why').textContent()).toMatch(/^等级区间 A → B$|强制分布/);
      const changedByBand = await page.locator('tr.grade-changed').count();

      // A threshold: each complaint costs 20 points instead of 10, so employees with complaints lose points.
      await page.getByLabel('参数 complaint_points 的值').fill('20');
      await expect.poll(() => page.locator('td.why').filter({ hasText: /每|投诉|得分/ }).count()).toBeGreaterThan(0);
      const reason = (await page.locator('td.why').filter({ hasText: /得分/ }).first().textContent())!;
      // e.g. "有效投诉：得分 90 → 80（−2 分）": the score dropped by 10 points per complaint, weighted.
      const [, from, to] = /得分 (\d+(?:\.\d+)?) → (\d+(?:\.\d+)?)/.exec(reason)!;
      expect(Number(from) - Number(to)).toBeGreaterThan(0);
      expect((Number(from) - Number(to)) % 10).toBe(0);
      expect(await page.locator('tr.grade-changed').count()).toBeGreaterThanOrEqual(changedByBand);
      await screenshot(page, 'simulator');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('gives auditors versions, diffs and the audit log with chain verification, read-only', async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await login(page, studio.users.auditor!);
      expect(new URL(page.url()).pathname).toBe('/versions');
      await page.getByRole('link', { name: /物业服务月度考核 Property services monthly/ }).click();
      await page.waitForURL(/\/schemes\/\d+$/);
      expect(await page.getByRole('button', { name: '新建草稿版本' }).count()).toBe(0);
      await page.getByRole('link', { name: '与来源版本比较' }).click();
      await page.waitForURL(/\/diff\?against=/);
      await page.locator('table.diff').waitFor();
      expect(await page.locator('table.diff tbody tr:not(.section)').count()).toBeGreaterThan(0);
      await screenshot(page, 'diff');

      await page.getByRole('link', { name: '审计日志' }).click();
      await page.locator('main tbody tr').first().waitFor();
      await page.getByRole('button', { name: '校验哈希链' }).click();
      await page.getByText(/哈希链完整：共 \d+ 条记录/).waitFor();
      // The head to note down, and a verification against it as an anchor.
      const seq = (await page.getByTestId('audit-head-seq').textContent())!;
      const hash = (await page.getByTestId('audit-head-hash').textContent())!;
      expect(seq).toMatch(/^[1-9]\d*$/);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      await page.getByLabel('锚点序号').fill(seq);
      await page.getByLabel('锚点哈希').fill(hash);
      await page.getByRole('button', { name: '校验哈希链' }).click();
      await page.getByText(`锚点 #${seq} 一致。`).waitFor();
      await page.getByLabel('操作', { exact: true }).fill('version.publish');
      await page.getByRole('button', { name: '筛选' }).click();
      await expect.poll(async () => new Set(await page.locator('main tbody tr td:nth-child(4)').allTextContents())).toEqual(new Set(['version.publish']));
      await screenshot(page, 'audit');

      // Opening a published version shows the designer read-only.
      await page.goto('/versions');
      await page.getByRole('link', { name: /物业服务月度考核 Property services monthly/ }).click();
      await page.getByRole('link', { name: 'v1', exact: true }).first().click();
      await page.locator('[role="toolbar"]').waitFor();
      expect(await page.getByRole('button', { name: '保存', exact: true }).count()).toBe(0);
      await page.locator('#tab-weights').click();
      expect(await page.getByLabel('engineer 的 closure_rate 权重').isDisabled()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
