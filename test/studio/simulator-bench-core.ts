/**
 * The simulator step measured by `simulator-bench.ts`, shared by its Node and browser sides:
 * a seeded population, the edit a user makes, and the recomputation with grade comparison.
 */
import { compileScheme } from '../../rules/3-compile/compile.ts';
import { evaluatePopulation } from '../../rules/4-evaluate/evaluate.ts';
import type { EmployeeData } from '../../rules/4-evaluate/employee-run.ts';
import type { Scheme } from '../../schemas/generated/scheme.ts';

/** Deterministic inputs (mulberry32), shaped like the demo's property-services data. */
export function population(n: number): EmployeeData[] {
  let a = 20261122;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const positions = ['customer_service', 'engineer', 'security'];
  return Array.from({ length: n }, (_, i) => {
    const strong = rand();
    return {
      id: `E${String(i).padStart(6, '0')}`,
      position: positions[i % 3]!,
      department: `D${i % 40}`,
      inputs: {
        closure_rate: Math.round((85 + strong * 15) * 10) / 10,
        response_minutes: Math.round(8 + (1 - strong) * 60),
        satisfaction: Math.round((78 + strong * 21) * 10) / 10,
        complaints: Math.floor((1 - strong) * 4 * rand()),
        missed_inspections: Math.floor(rand() * 3 * (1 - strong)),
        safety_incidents: rand() < 0.02 ? 1 : 0,
        innovations: Math.floor(rand() * 4),
      },
    };
  });
}

/** The edit a simulator user makes: another weight for engineers and a stricter A band. */
export function edited(scheme: Scheme): Scheme {
  const copy = structuredClone(scheme);
  copy.weights.positions!.engineer!.indicators = { closure_rate: 25, response_time: 30, satisfaction: 15, complaints: 10, missed_inspections: 20 };
  copy.grading.bands![0]!.min = 92;
  copy.grading.bands![1]!.max = 92;
  return copy;
}

/** One simulator step: compile the edited copy, evaluate everyone, count grade changes. */
export function simulate(baselineGrades: Map<string, string | null>, scheme: Scheme, employees: EmployeeData[]): { changed: number; counts: Record<string, number> } {
  const result = evaluatePopulation(compileScheme(scheme), employees, { explain: false });
  let changed = 0;
  for (const e of result.employees) if (baselineGrades.get(e.employeeId) !== e.grade) changed++;
  return { changed, counts: result.gradeCounts };
}

