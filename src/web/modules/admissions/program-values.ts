import { randomId } from '@mantine/hooks';
import type { useRecordForm } from '../../lib/use-record-form.ts';
import type { Program } from './queries.ts';

// A program's form values (numbers typed may be empty) and the body the API takes, both ways.

// Rows carry a key of their own while edited (`rowKey`, never sent), so React keeps each row's inputs as rows come and go.
export type ComponentValues = { rowKey: string; examId: string | null; subject: string | null; weight: number | string };
export type MethodValues = { rowKey: string; methodId: string; floor: number | string; equivalence: string | null; components: ComponentValues[] };

export const emptyComponent = (examId: string | null = null): ComponentValues => ({ rowKey: randomId(), examId, subject: null, weight: 1 });
export const emptyMethod = (n: number, examId: string | null = null): MethodValues => ({
  rowKey: randomId(),
  methodId: `M${n}`,
  floor: '',
  equivalence: null,
  components: [emptyComponent(examId)],
});

export type ProgramValues = {
  code: string;
  nameVi: string;
  nameEn: string;
  quota: number | string;
  floor: number | string;
  tieBreak: string[];
  tiePolicy: string;
  priorityPoints: boolean;
  floorBasis: string;
  thresholdIncludesBonus: boolean;
  methods: MethodValues[];
};

const optionalScore = (v: number | string) => (v === '' || v === null || v === undefined ? null : Number(v));

export const fromProgram = (p: Program): ProgramValues => ({
  code: p.code,
  nameVi: p.nameVi,
  nameEn: p.nameEn,
  quota: p.quota,
  floor: p.floor ?? '',
  tieBreak: p.tieBreak,
  tiePolicy: p.tiePolicy,
  priorityPoints: p.priorityPoints,
  floorBasis: p.floorBasis,
  thresholdIncludesBonus: p.thresholdIncludesBonus,
  methods: p.methods.map((m) => ({
    rowKey: randomId(),
    methodId: m.methodId,
    floor: m.floor ?? '',
    equivalence: m.equivalence ?? null,
    components: m.components.map((c) => ({ rowKey: randomId(), ...c })),
  })),
});

export const toPayload = (v: ProgramValues) => ({
  code: v.code,
  nameVi: v.nameVi,
  nameEn: v.nameEn,
  quota: v.quota === '' ? Number.NaN : Number(v.quota),
  floor: optionalScore(v.floor),
  tieBreak: v.tieBreak as Program['tieBreak'],
  tiePolicy: v.tiePolicy as Program['tiePolicy'],
  priorityPoints: v.priorityPoints,
  floorBasis: v.floorBasis as Program['floorBasis'],
  thresholdIncludesBonus: v.thresholdIncludesBonus,
  methods: v.methods.map((m) => ({
    methodId: m.methodId,
    floor: optionalScore(m.floor),
    equivalence: m.equivalence || null,
    components: m.components.map((c) => ({
      examId: c.examId ?? '',
      subject: c.subject ?? '',
      weight: c.weight === '' ? Number.NaN : Number(c.weight),
    })),
  })),
});

export type ProgramFormType = ReturnType<typeof useRecordForm<ProgramValues, ReturnType<typeof toPayload>, Program>>['form'];
