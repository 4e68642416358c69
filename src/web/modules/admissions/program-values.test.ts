import { expect, it } from 'vitest';
import { UpdateProgram } from '../../../contracts/admissions.ts';
import { fromProgram, toPayload } from './program-values.ts';
import type { Program } from './queries.ts';

const EXAM = '3a7c1e9b-5d2f-4b86-a0e4-8c6f2d9b1a35';
const program: Program = {
  id: 'c2e6a9d3-8f1b-4d57-a3c9-6b0e4f8a2d15',
  seasonId: '7f3b9d1e-4c6a-4e28-b5f0-1a8d3c6e9b47',
  institutionId: 'a4c8e2f6-0b3d-4f59-8e71-5d9b3f7a1c24',
  code: '7720101',
  nameVi: 'Y khoa',
  nameEn: 'Medicine',
  quota: 400,
  methods: [
    { methodId: 'HSA', floor: null, equivalence: 'HSA-30', components: [{ examId: EXAM, subject: 'total', weight: 1 }] },
    { methodId: 'B00', floor: 22.5, components: [{ examId: EXAM, subject: 'math', weight: 2 }] },
  ],
  floor: null,
  tieBreak: ['rank', 'lottery'],
  tiePolicy: 'strict',
  priorityPoints: false,
  floorBasis: 'final',
  thresholdIncludesBonus: true,
  version: 3,
  permissions: { edit: true },
};

it('carries the priority settings and each method’s equivalence table through the form and back', () => {
  const payload = toPayload(fromProgram(program));
  expect(payload).toMatchObject({ priorityPoints: false, floorBasis: 'final', thresholdIncludesBonus: true });
  expect(payload.methods.map((m) => m.equivalence)).toEqual(['HSA-30', null]);
  expect(UpdateProgram.safeParse({ ...payload, version: 3 }).success).toBe(true);
  // A cleared table choice sends null (no table), never an empty name.
  const values = fromProgram(program);
  values.methods[0].equivalence = '';
  expect(toPayload(values).methods[0].equivalence).toBeNull();
});
