/**
 * Users and API tokens in a real browser against the real server: HR creates a manager and an
 * employee account (the form says what is missing before sending, the server refuses a taken
 * name), the new employee signs in and sees their own result; a user creates an API token, sees
 * its secret once, a system uses it, and revoking it locks the system out; auditors only read.
 */
import { describe, expect, it } from 'vitest';
import { login, noHorizontalScroll, openPage, screenshot, useStudio } from './harness.ts';

const studio = useStudio();

describe('users and tokens', () => {
  it('lets HR create a manager and an employee account, and the employee sign in', { timeout: 120_000 }, async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await login(page, studio.users.hr!);
      await page.locator('#main-nav a[href="/users"]').click();
      const rows = page.locator('tr[data-user]');
      await rows.first().waitFor();
      expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-user')))).toEqual(expect.arrayContaining(['hr', 'auditor', 'manager', 'manager-eng', 'employee']));
      expect(await page.locator('tr[data-user="manager"]').textContent()).toContain('客服部 Customer service');

      // A manager account: the form names what is missing, field by field.
      await page.getByRole('button', { name: '新建用户' }).click();
      const form = page.locator('form.create');
      const submit = form.getByRole('button', { name: '新建用户' });
      await form.getByLabel('用户名').fill('zhao wei');
      await form.getByText('不能包含空格。').waitFor();
      await form.getByLabel('用户名').fill('zhaowei');
      await form.getByLabel('显示名称').fill('赵伟 安保经理');
      await form.getByLabel('角色').selectOption('manager');
      await form.getByText('请至少选择一个部门。').waitFor();
      expect(await submit.isDisabled()).toBe(true);
      await form.getByLabel('安保部 Security').check();
      await form.getByLabel('密码').fill('short');
      await form.getByText('密码至少需要 12 个字符。').waitFor();
      expect(await submit.isDisabled()).toBe(true);
      await form.getByLabel('密码').fill('anbao-2026-manager');
      await submit.click();
      await page.getByText('已创建用户“zhaowei”。', { exact: false }).waitFor();
      expect(await page.locator('tr[data-user="zhaowei"]').textContent()).toContain('安保部 Security');

      // The same name again: the server refuses, the banner says why in Chinese.
      await page.getByRole('button', { name: '新建用户' }).click();
      await form.getByLabel('用户名').fill('zhaowei');
      await form.getByLabel('显示名称').fill('重名');
      await form.getByLabel('角色').selectOption('auditor');
      await submit.click();
      const alert = form.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('与现有数据冲突。');
      expect(await alert.textContent()).toContain('The user name "zhaowei" is taken.');

      // An employee account, linked to the employee's record found by code.
      await form.getByLabel('用户名').fill('cs03');
      await form.getByLabel('显示名称').fill('');
      await form.getByLabel('角色').selectOption('employee');
      await form.getByLabel('查找员工').fill('CS03');
      await form.getByRole('list', { name: '匹配的员工' }).getByRole('button').first().click();
      expect(await form.getByLabel('显示名称').inputValue()).not.toBe('');
      await form.getByLabel('密码').fill('harbour-lantern-2026');
      await submit.click();
      await page.locator('tr[data-user="cs03"]').waitFor();
      expect(await page.locator('tr[data-user="cs03"]').textContent()).toContain('仅本人结果');

      // cs03 mistypes the password until sign-in from this address has to wait; HR lifts the wait.
      const signIn = (password: string) => fetch(`${studio.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'cs03', password }) });
      for (let i = 0; i < 5; i++) expect((await signIn(`wrong-${i}`)).status).toBe(401);
      expect((await signIn('harbour-lantern-2026')).status).toBe(429);
      await page.locator('tr[data-user="cs03"]').getByRole('button', { name: '解除登录限制' }).click();
      await page.getByText('已解除“cs03”的登录限制（1 个地址曾需等待）。').waitFor();
      await screenshot(page, 'users');
      // The refused create logged its 409 in the console; nothing else may fail.
      expect(errors.filter((e) => !e.includes('status of 409'))).toEqual([]);
    } finally {
      await close();
    }

    const employee = await openPage(studio);
    try {
      await login(employee.page, { username: 'cs03', password: 'harbour-lantern-2026' });
      expect(new URL(employee.page.url()).pathname).toBe('/me');
      await employee.page.locator('a.result').first().click();
      await employee.page.getByTestId('result-total').waitFor();
      expect(await employee.page.locator('.page-header p').textContent()).toContain('CS03');
      expect(employee.errors).toEqual([]);
    } finally {
      await employee.close();
    }
  });

  it('shows a token secret once, the token works for another system, and revoking it locks that system out', async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await login(page, studio.users.manager!);
      await page.getByRole('link', { name: '客服经理 CS manager' }).click();
      await page.waitForURL((url) => url.pathname === '/account');
      await page.getByText('还没有 API 令牌。').waitFor();
      await page.getByLabel('令牌名称').fill('工单系统同步');
      await page.getByRole('button', { name: '创建令牌' }).click();
      const secret = (await page.getByTestId('token-secret').textContent())!.trim();
      expect(secret.length).toBeGreaterThan(20);
      await screenshot(page, 'account-token');

      const asSystem = () => fetch(`${studio.url}/api/cycles`, { headers: { authorization: `Bearer ${secret}` } });
      expect((await asSystem()).status).toBe(200);
      // The secret is not shown again after a reload; the list shows the token as active and used.
      await page.reload();
      const row = page.locator('tr[data-token="工单系统同步"]');
      await row.waitFor();
      expect(await page.getByTestId('token-secret').count()).toBe(0);
      expect(await row.textContent()).toContain('有效');
      expect(await row.textContent()).not.toContain('从未使用');

      // The page fits a phone, where the account is reached from the menu.
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await noHorizontalScroll(page)).toBe(true);
      await page.getByRole('button', { name: '菜单' }).click();
      expect(await page.locator('#main-nav a[href="/account"]').isVisible()).toBe(true);
      await page.getByRole('button', { name: '菜单' }).click();
      await page.setViewportSize({ width: 1280, height: 800 });

      await row.getByRole('button', { name: '吊销' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '吊销' }).click();
      await row.getByText(/已于 .* 吊销/).waitFor();
      expect((await asSystem()).status).toBe(401);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('lets auditors read the users without creating any', async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await login(page, studio.users.auditor!);
      await page.locator('#main-nav a[href="/users"]').click();
      await page.locator('tr[data-user="hr"]').waitFor();
      expect(await page.getByRole('button', { name: '新建用户' }).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
