/**
 * Appeals in a real browser against the real server (the demo's published October cycle): an
 * employee appeals their result; the manager of another department sees nothing; their own
 * manager takes it up and passes it to HR (and is never offered the final decision); the auditor
 * reads it without actions; HR rejects it with a note; the employee sees the decision.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { login, noHorizontalScroll, openPage, screenshot, useStudio } from './harness.ts';

const studio = useStudio();

const REASON = '10 月 12 日的投诉已由客户撤销，不应计入。';

/** The appeal card of the demo employee (CS02) on the appeals page. */
const cardOf = (page: Page) => page.locator('li.appeal').filter({ hasText: 'CS02' });

async function decide(page: Page, button: string, note: string): Promise<void> {
  const card = cardOf(page);
  await card.getByRole('button', { name: button }).click();
  const submit = card.locator('form button[type="submit"]');
  expect(await submit.isDisabled()).toBe(true); // a note is required
  await card.locator('textarea').fill(note);
  await submit.click();
  await card.locator('form').waitFor({ state: 'detached' });
}

describe('appeals', () => {
  it('goes from the employee through their manager to HR, and the employee sees the decision', { timeout: 120_000 }, async () => {
    // The employee files an appeal from their result page.
    const employee = await openPage(studio);
    let resultUrl: string;
    try {
      await login(employee.page, studio.users.employee!);
      await employee.page.locator('a.result').first().click();
      await employee.page.getByTestId('result-total').waitFor();
      resultUrl = employee.page.url();
      await employee.page.getByRole('button', { name: '对此结果提出申诉' }).click();
      await employee.page.getByLabel('申诉理由').fill(REASON);
      await employee.page.getByRole('button', { name: '提交申诉' }).click();
      await employee.page.locator('.appeal .badge').filter({ hasText: '已提交' }).waitFor();
      expect(employee.errors).toEqual([]);
    } finally {
      await employee.close();
    }

    // Another department's manager has nothing to do.
    const other = await openPage(studio);
    try {
      await login(other.page, studio.users['manager-eng']!);
      await other.page.locator('#main-nav a[href="/appeals"]').click();
      await other.page.getByText('没有待处理的申诉。').waitFor();
      expect(await other.page.locator('li.appeal').count()).toBe(0);
      expect(other.errors).toEqual([]);
    } finally {
      await other.close();
    }

    // The employee's manager reviews it and passes it on; the final decision is not theirs.
    const manager = await openPage(studio);
    try {
      await login(manager.page, studio.users.manager!);
      await manager.page.locator('#main-nav a[href="/appeals"]').click();
      const card = cardOf(manager.page);
      await card.waitFor();
      expect(await card.textContent()).toContain(REASON);
      expect(await card.getByRole('button').allTextContents()).toEqual(['受理复核', '转交人力资源部']);
      await decide(manager.page, '受理复核', '已调取投诉工单，核实中。');
      await card.locator('.badge').filter({ hasText: '部门复核中' }).waitFor();
      expect(await card.getByRole('button').allTextContents()).toEqual(['转交人力资源部']);
      await decide(manager.page, '转交人力资源部', '工单 4411 确已撤销，建议采纳。');
      await card.locator('.badge').filter({ hasText: '人力资源复核中' }).waitFor();
      expect(await card.getByRole('button').count()).toBe(0);
      expect(await card.textContent()).toContain('工单 4411 确已撤销');
      await screenshot(manager.page, 'appeals-manager');
      await manager.page.setViewportSize({ width: 390, height: 844 });
      expect(await noHorizontalScroll(manager.page)).toBe(true);
      await screenshot(manager.page, 'appeals-manager-phone');
      expect(manager.errors).toEqual([]);
    } finally {
      await manager.close();
    }

    // The auditor reads it, without actions.
    const auditor = await openPage(studio);
    try {
      await login(auditor.page, studio.users.auditor!);
      await auditor.page.locator('#main-nav a[href="/appeals"]').click();
      await cardOf(auditor.page).locator('.badge').filter({ hasText: '人力资源复核中' }).waitFor();
      expect(await cardOf(auditor.page).getByRole('button').count()).toBe(0);
      expect(auditor.errors).toEqual([]);
    } finally {
      await auditor.close();
    }

    // HR decides; the appeal leaves the open queue and is listed under its new status.
    const hr = await openPage(studio);
    try {
      await login(hr.page, studio.users.hr!);
      await hr.page.locator('#main-nav a[href="/appeals"]').click();
      await cardOf(hr.page).getByRole('button', { name: '采纳申诉' }).waitFor();
      expect(await cardOf(hr.page).getByRole('button').allTextContents()).toEqual(['采纳申诉', '驳回申诉']);
      await screenshot(hr.page, 'appeals-hr');
      await cardOf(hr.page).getByRole('button', { name: '驳回申诉' }).click();
      await cardOf(hr.page).locator('textarea').fill('撤销发生在考核期结束后，按制度不予调整。');
      await cardOf(hr.page).locator('form button[type="submit"]').click();
      await hr.page.getByText('没有待处理的申诉。').waitFor();
      await hr.page.getByLabel('状态').selectOption('rejected');
      await cardOf(hr.page).locator('.badge').filter({ hasText: '已驳回' }).waitFor();
      expect(new URL(hr.page.url()).searchParams.get('status')).toBe('rejected');
      expect(hr.errors).toEqual([]);
    } finally {
      await hr.close();
    }

    // The employee sees the decision on their result page, on a phone.
    const back = await openPage(studio, { width: 390, height: 844 });
    try {
      await login(back.page, studio.users.employee!);
      await back.page.goto(resultUrl);
      const appeal = back.page.locator('.appeal').first();
      await appeal.locator('.badge').filter({ hasText: '已驳回' }).waitFor();
      expect(await appeal.textContent()).toContain('按制度不予调整');
      // A decided appeal does not block a new one.
      await back.page.getByRole('button', { name: '对此结果提出申诉' }).waitFor();
      expect(await noHorizontalScroll(back.page)).toBe(true);
      expect(back.errors).toEqual([]);
    } finally {
      await back.close();
    }
  });
});
