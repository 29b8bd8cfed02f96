/**
 * @module test/rules/logic/reference-table
 * Renders the operator reference table of rules/logic/README.md from the registry, so a test
 * can keep the two identical.
 */
import type { OperatorSpec } from '../../../rules/logic/index.ts';

const cell = (text: string): string => text.replace(/\|/g, '\\|');
const code = (value: unknown): string => `\`${cell(JSON.stringify(value))}\``;

function arity(min: number, max: number): string {
  if (min === max) return String(min);
  return max === Infinity ? `${min}+` : `${min}–${max}`;
}

/** One markdown table row per operator, in registry order. */
export function operatorReferenceRows(specs: readonly OperatorSpec[]): string[] {
  return specs.map(({ name, family, lazy, doc, arity: { min, max } }) => {
    const example = doc.example.data === null ? `${code(doc.example.rule)} → ${code(doc.example.result)}` : `${code(doc.example.rule)} on ${code(doc.example.data)} → ${code(doc.example.result)}`;
    return `| \`${cell(name)}\` | ${family} | ${arity(min, max)} | ${lazy ? 'yes' : ''} | ${cell(doc.summary)} | ${example} |`;
  });
}
