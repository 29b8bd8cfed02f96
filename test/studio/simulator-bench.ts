/**
 * Simulator benchmark: what one edit in the studio's simulator costs for 10,000 employees. The
 * simulator recompiles the edited copy of a scheme and re-runs `evaluatePopulation` (explain off)
 * over the cycle's stored inputs on every change, then compares grades with the baseline.
 *
 *   node --import tsx test/studio/simulator-bench.ts [employees]
 *
 * Measured three ways, each best, median and 90th percentile of 21 recomputations after three
 * warm-up ones (a user dragging a weight recomputes many times in a row), on the
 * property-services template (5 indicators, 3 position rows, bands, a capped bonus, a veto and a
 * forced distribution per department) with seeded random inputs:
 *  1. Node, code generation allowed (the server's mode);
 *  2. Node with --disallow-code-generation-from-strings (what a CSP without 'unsafe-eval' does:
 *     the engine falls back to its closure evaluator), in a child process;
 *  3. Chromium under the studio's Content-Security-Policy, with the rules pipeline bundled by
 *     Vite exactly as the studio bundles it.
 * Not a test: it prints a table and exits 1 only if a sanity check fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canGenerateCode } from '../../rules/logic/index.ts';
import { compileScheme } from '../../rules/3-compile/compile.ts';
import { evaluatePopulation } from '../../rules/4-evaluate/evaluate.ts';
import type { Scheme } from '../../schemas/generated/scheme.ts';
// The template file itself: rules/templates/index.ts validates with ajv, which needs code generation.
import propertyServices from '../../rules/templates/property-services.json' with { type: 'json' };
import { edited, population, simulate } from './simulator-bench-core.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const EMPLOYEES = Number(process.argv[2] ?? 10_000);
const RUNS = 21;
const WARM_UP = 3;

function stats(times: number[]): { best: number; median: number; p90: number } {
  const sorted = [...times].sort((x, y) => x - y);
  return { best: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!, p90: sorted[Math.ceil(sorted.length * 0.9) - 1]! };
}

function measureHere(n: number): { mode: string; best: number; median: number; p90: number; changed: number } {
  const scheme = structuredClone(propertyServices) as unknown as Scheme;
  scheme.template = false;
  const employees = population(n);
  const baseline = evaluatePopulation(compileScheme(scheme), employees, { explain: false });
  if (baseline.employees.some((e) => e.status !== 'ok')) throw new Error('sanity: an employee was not fully scored');
  const grades = new Map(baseline.employees.map((e) => [e.employeeId, e.grade]));
  for (let i = 0; i < WARM_UP; i++) simulate(grades, edited(scheme), employees);
  const times: number[] = [];
  let changed = 0;
  for (let i = 0; i < RUNS; i++) {
    const copy = edited(scheme); // a fresh object each time, as the studio's snapshot is
    const started = performance.now();
    changed = simulate(grades, copy, employees).changed;
    times.push(performance.now() - started);
  }
  if (changed === 0) throw new Error('sanity: the edit changed no grade');
  return { mode: canGenerateCode() ? 'codegen' : 'closure', ...stats(times), changed };
}

/** Bundle the pipeline as the studio does and time it in Chromium under the studio's CSP. */
async function measureInChromium(n: number): Promise<{ best: number; median: number; p90: number; changed: number; mode: string } | string> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) return `skipped: no Chromium at ${executablePath}`;
  const { build } = await import('vite');
  const { CHROMIUM_ARGS } = await import('./harness.ts');
  const { chromium } = await import('playwright-core');
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: true, lib: { entry: resolve(ROOT, 'test/studio/simulator-bench-entry.ts'), formats: ['iife'], name: 'SimBench' } },
  })) as Array<{ output: Array<{ type: string; code?: string }> }> | { output: Array<{ type: string; code?: string }> };
  const chunk = (Array.isArray(output) ? output[0]! : output).output.find((o) => o.type === 'chunk')!;
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const { CONTENT_SECURITY_POLICY } = await import('../../server/app.ts');
    // The studio's policy, sent as the server sends it: no 'unsafe-eval', so no code generation.
    const csp = Object.entries(CONTENT_SECURITY_POLICY)
      .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${v.join(' ')}`)
      .join('; ');
    const origin = 'http://bench.localhost';
    await page.route(`${origin}/**`, (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/bench.js') return route.fulfill({ contentType: 'text/javascript', body: chunk.code! });
      // Run from the page's own script: code run through DevTools' evaluate may use eval despite the CSP.
      if (url.pathname === '/run.js') return route.fulfill({ contentType: 'text/javascript', body: `window.benchResult = SimBench.run(${n}, ${RUNS}, ${WARM_UP});` });
      return route.fulfill({ contentType: 'text/html', headers: { 'content-security-policy': csp }, body: '<!doctype html><script src="/bench.js"></script><script src="/run.js"></script>' });
    });
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'benchResult' in window, undefined, { timeout: 300_000 });
    return await page.evaluate(() => (window as unknown as { benchResult: { best: number; median: number; p90: number; changed: number; mode: string } }).benchResult);
  } finally {
    await browser.close();
  }
}

async function main() {
  if (process.argv.includes('--child')) {
    console.log(JSON.stringify(measureHere(EMPLOYEES)));
    return;
  }
  const rows: string[] = [];
  const node = measureHere(EMPLOYEES);
  const row = (where: string, r: { best: number; median: number; p90: number; changed: number }) => `| ${where} | ${r.best.toFixed(0)} | ${r.median.toFixed(0)} | ${r.p90.toFixed(0)} | ${r.changed} |`;
  rows.push(row(`Node ${process.version}, ${node.mode}`, node));
  const child = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', fileURLToPath(import.meta.url), String(EMPLOYEES), '--child'], { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`closure-mode child failed:\n${child.stderr}`);
  const closure = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ReturnType<typeof measureHere>;
  rows.push(row(`Node, no code generation (${closure.mode})`, closure));
  const browser = await measureInChromium(EMPLOYEES);
  rows.push(typeof browser === 'string' ? `| Chromium under the studio CSP | ${browser} | | | |` : row(`Chromium under the studio CSP (${browser.mode})`, browser));
  console.log(`Simulator step (compile the edited copy + evaluatePopulation + grade comparison), ${EMPLOYEES.toLocaleString('en')} employees, best/median/p90 of ${RUNS} after ${WARM_UP} warm-ups; ${os.cpus()[0]?.model ?? 'cpu'}\n`);
  console.log('| where | best ms | median ms | p90 ms | grades changed |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
