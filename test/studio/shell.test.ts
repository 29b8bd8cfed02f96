/**
 * The studio shell in a real browser against the real server: logging in as each role shows that
 * role's navigation, the language switch changes every label and is remembered per user, the
 * session guard sends anonymous visitors to the login page and back, and errors from the API are
 * shown with their message. No page may log a console error.
 */
import { describe, expect, it } from 'vitest';
import { login, navigationLabels, noHorizontalScroll, openPage, screenshot, useStudio } from './harness.ts';

const studio = useStudio();

const EXPECTED: Record<string, { home: string; hrefs: string[]; zh: string[] }> = {
  hr: { home: '/schemes', hrefs: ['/schemes', '/templates', '/cycles', '/dashboards', '/appeals', '/audit', '/users'], zh: ['考核方案', '模板库', '考核周期', '数据看板', '申诉处理', '审计', '用户'] },
  manager: { home: '/schemes', hrefs: ['/templates', '/schemes', '/cycles', '/results', '/appeals'], zh: ['模板库', '本部门方案', '考核周期（本部门）', '考核结果', '申诉处理'] },
  auditor: { home: '/versions', hrefs: ['/versions', '/audit', '/results', '/appeals', '/users'], zh: ['版本与差异', '审计日志', '考核结果（只读）', '申诉处理', '用户'] },
  employee: { home: '/me', hrefs: ['/me'], zh: ['我的考核结果'] },
};

describe('studio shell', () => {
  for (const [username, expected] of Object.entries(EXPECTED)) {
    it(`shows ${username} the ${username} navigation and landing page`, async () => {
      const { page, errors, close } = await openPage(studio);
      try {
        await login(page, studio.users[username]!);
        expect(new URL(page.url()).pathname).toBe(expected.home);
        expect(await navigationLabels(page)).toEqual(expected.zh);
        expect(await page.locator('#main-nav li:not(.account-item) > a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(expected.hrefs);
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        await screenshot(page, `home-${username}`);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  it('switches the language, keeps it after a reload and for the next login of the same user', async () => {
    const { page, errors, close, context } = await openPage(studio);
    try {
      await login(page, studio.users.hr!);
      expect(await navigationLabels(page)).toContain('考核方案');
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => navigationLabels(page)).toEqual(['Schemes', 'Templates', 'Cycles', 'Dashboards', 'Appeals', 'Audit', 'Users']);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.waitForLoadState('networkidle');
      await page.reload();
      await page.locator('#main-nav').waitFor();
      expect(await navigationLabels(page)).toEqual(['Schemes', 'Templates', 'Cycles', 'Dashboards', 'Appeals', 'Audit', 'Users']);
      await screenshot(page, 'schemes-en');

      // Stored per user: a fresh browser (no localStorage) logging in as HR gets English too.
      const second = await openPage(studio);
      try {
        await login(second.page, studio.users.hr!);
        expect(await navigationLabels(second.page)).toContain('Schemes');
        expect(second.errors).toEqual([]);
      } finally {
        await second.close();
      }
      await page.getByRole('button', { name: '中文' }).click();
      await expect.poll(() => navigationLabels(page)).toContain('考核方案');
      await page.waitForLoadState('networkidle');
      expect(await context.pages()).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('switches the language on the login page before anyone is logged in', async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await page.goto('/login');
      await expect.poll(() => page.locator('form button[type="submit"]').textContent()).toBe('登录');
      await screenshot(page, 'login');
      await page.getByRole('button', { name: 'English' }).click();
      expect(await page.locator('form button[type="submit"]').textContent()).toBe('Sign in');
      await page.reload();
      expect(await page.locator('form button[type="submit"]').textContent()).toBe('Sign in');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows the API error message for a wrong password and keeps the user on the login page', async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await page.goto('/login');
      await page.locator('input[name="username"]').fill('hr');
      await page.locator('input[name="password"]').fill('not-the-password');
      await page.locator('form button[type="submit"]').click();
      const banner = page.getByRole('alert');
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(/password|密码|user name/i);
      expect(new URL(page.url()).pathname).toBe('/login');
      // The browser logs the 401 of the failed login itself; nothing else may fail.
      expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('sends an anonymous visitor to the login page and back to the address they asked for', async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await page.goto('/templates');
      await page.waitForURL(/\/login\?next=%2Ftemplates/);
      await page.locator('input[name="username"]').fill('hr');
      await page.locator('input[name="password"]').fill(studio.users.hr!.password);
      await page.locator('form button[type="submit"]').click();
      await page.waitForURL((url) => url.pathname === '/templates');
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL((url) => url.pathname === '/login');
      await page.goto('/schemes');
      await page.waitForURL(/\/login/);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('fits a phone screen: login, menu and the template gallery', async () => {
    const { page, errors, close } = await openPage(studio, { width: 390, height: 844 });
    try {
      await page.goto('/login');
      await page.locator('form button[type="submit"]').waitFor();
      await screenshot(page, 'login-phone');
      await login(page, studio.users.manager!);
      await page.goto('/templates');
      await page.locator('article.template').first().waitFor();
      expect(await noHorizontalScroll(page)).toBe(true);
      expect(await page.locator('#main-nav').isVisible()).toBe(false);
      await page.getByRole('button', { name: '菜单' }).click();
      expect(await page.locator('#main-nav').isVisible()).toBe(true);
      await screenshot(page, 'templates-phone');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('tells an employee that scheme pages are for other roles, and shows a not-found page', async () => {
    const { page, errors, close } = await openPage(studio);
    try {
      await login(page, studio.users.employee!);
      await page.goto('/schemes');
      await expect.poll(() => page.locator('main h1').textContent()).toBe('您的角色无权访问此页面');
      await page.goto('/no/such/page');
      await expect.poll(() => page.locator('main h1').textContent()).toBe('页面不存在');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
