/**
 * `yardstick` as a user meets it first: help, usage errors and their exit codes (0 ok, 2 usage).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { demoScheme, fixtureDir, runCli } from './helpers.ts';

const { dir, cleanup } = fixtureDir({ 'scheme.json': demoScheme() });
afterAll(cleanup);

describe.concurrent('yardstick help and usage errors', () => {
  it.each([[['help']], [['--help']], [[]]])('%j prints the usage of every command and exits 0', async (args) => {
    const r = await runCli(args, dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const command of ['check', 'evaluate', 'diff']) expect(r.stdout).toContain(`Usage: yardstick ${command} `);
    expect(r.stdout).toContain('--position-column');
    expect(r.stdout).toMatch(/Exit status: 0 ok, 1 problems found/);
  });

  it('help <command> and <command> --help print that command only', async () => {
    const [a, b] = await Promise.all([runCli(['help', 'evaluate'], dir), runCli(['evaluate', '--help'], dir)]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^Usage: yardstick evaluate <scheme.json> <inputs.csv\|inputs.json> \[options\]/);
    expect(a.stdout).not.toContain('Usage: yardstick check');
    expect(b).toEqual(a);
  });

  it('an unknown command prints the overview and exits 2', async () => {
    const r = await runCli(['frobnicate', 'scheme.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^yardstick: unknown command "frobnicate"\n/);
    expect(r.stderr).toContain('Commands:');
    expect(r.stderr).toMatch(/^ {2}evaluate {2}Score a population/m);
  });

  it('an unknown option names it, shows the command usage and exits 2', async () => {
    const r = await runCli(['check', 'scheme.json', '--frob'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^yardstick check: unknown option --frob\n/);
    expect(r.stderr).toContain('Usage: yardstick check <scheme.json>');
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it('a bad option value, a missing value, missing and extra arguments are usage errors', async () => {
    const runs = await Promise.all([
      runCli(['evaluate', 'scheme.json', 'inputs.csv', '--format', 'xml'], dir),
      runCli(['evaluate', 'scheme.json', 'inputs.csv', '--id-column'], dir),
      runCli(['evaluate', 'scheme.json'], dir),
      runCli(['diff', 'scheme.json', 'scheme.json', 'third.json'], dir),
      runCli(['check', 'scheme.json', '--format=table'], dir),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(runs[0].stderr).toMatch(/^yardstick evaluate: --format must be one of table, json, csv, not "xml"/);
    expect(runs[1].stderr).toMatch(/^yardstick evaluate: option --id-column needs a value/);
    expect(runs[2].stderr).toMatch(/^yardstick evaluate: missing <inputs.csv\|inputs.json>/);
    expect(runs[3].stderr).toMatch(/^yardstick diff: unexpected argument "third.json"/);
    expect(runs[4].stderr).toMatch(/^yardstick check: --format must be one of text, json, not "table"/);
  });

  it('a missing file is a usage error naming the file', async () => {
    const [a, b] = await Promise.all([runCli(['check', 'nope.json'], dir), runCli(['evaluate', 'scheme.json', 'missing.csv'], dir)]);
    expect(a.code).toBe(2);
    expect(a.stderr).toBe('nope.json: no such file\n');
    expect(b.code).toBe(2);
    expect(b.stderr).toBe('missing.csv: no such file\n');
  });

  it('a directory is not a file', async () => {
    const r = await runCli(['check', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('.: is a directory, not a file\n');
  });
});
