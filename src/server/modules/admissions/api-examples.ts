import type {
  CreateEquivalenceTable,
  CreateProgram,
  EquivalenceTableList,
  EquivalenceTableRecord,
  UpdateEquivalenceTable,
  CreateSeason,
  PreferenceImportResult,
  Program,
  ProgramList,
  Run,
  RunList,
  Season,
  SeasonList,
  SetSeasonMembers,
  StartRun,
  UpdateProgram,
  UpdateSeason,
} from '../../../contracts/admissions.ts';
import { AT, type In, type Out } from '../api-examples-common.ts';

// OpenAPI examples for routes.ts: HMU's 2026 season, its Medicine program admitting by the SPT results HNUE shares.

const HMU = 'a4c8e2f6-0b3d-4f59-8e71-5d9b3f7a1c24';
const SEASON = '7f3b9d1e-4c6a-4e28-b5f0-1a8d3c6e9b47';
const PROGRAM = 'c2e6a9d3-8f1b-4d57-a3c9-6b0e4f8a2d15';
const SPT = '3a7c1e9b-5d2f-4b86-a0e4-8c6f2d9b1a35';
const RUN = 'e9a1c5f7-2b6d-4e83-9f4a-0c7d3b8e1f52';
const HNUE = '5b1d7f3a-9c2e-4a68-b4d0-7e3a1c9f5b26';
const CONSORTIUM = '8d2f6b4a-1e7c-4c39-a5b8-3f9d0e6a2c71';

const hmuMember = { institutionId: HMU, code: 'HMU', nameVi: 'Trường Đại học Y Hà Nội', nameEn: 'Hanoi Medical University', coordinator: true };

export const createSeason: In<typeof CreateSeason> = { titleVi: 'Tuyển sinh đại học 2026', titleEn: 'Undergraduate admission 2026', year: 2026 };
export const updateSeason: In<typeof UpdateSeason> = { titleEn: 'Undergraduate admission 2026 (first round)', version: 1 };
export const season: Out<typeof Season> = {
  id: SEASON,
  institutionId: HMU,
  consortiumId: null,
  members: [hmuMember],
  titleVi: 'Tuyển sinh đại học 2026',
  titleEn: 'Undergraduate admission 2026',
  year: 2026,
  status: 'draft',
  isSample: false,
  programCount: 1,
  preferenceCount: 1200,
  version: 1,
  publishedRunId: null,
  permissions: { manage: true, addPrograms: true },
};
export const setMembers: In<typeof SetSeasonMembers> = { institutionIds: [HNUE], version: 1 };
export const consortiumSeason: Out<typeof Season> = {
  ...season,
  consortiumId: CONSORTIUM,
  members: [hmuMember, { institutionId: HNUE, code: 'HNUE', nameVi: 'Trường Đại học Sư phạm Hà Nội', nameEn: 'Hanoi National University of Education', coordinator: false }],
  titleVi: 'Xét tuyển chung 2026',
  titleEn: 'Joint admission 2026',
  version: 2,
};
export const seasonList: Out<typeof SeasonList> = { items: [season] };

const methods = [{ methodId: 'SPT-B00', floor: 22.5, components: [{ examId: SPT, subject: 'math', weight: 2 }, { examId: SPT, subject: 'literature', weight: 1 }] }];
export const createProgram: In<typeof CreateProgram> = {
  code: '7720101',
  nameVi: 'Y khoa',
  nameEn: 'Medicine',
  quota: 400,
  methods,
  floor: 22.5,
  tieBreak: ['rank', 'lottery'],
  tiePolicy: 'strict',
  priorityPoints: true,
  floorBasis: 'academic',
};
export const updateProgram: In<typeof UpdateProgram> = { quota: 420, version: 1 };
export const program: Out<typeof Program> = {
  id: PROGRAM,
  seasonId: SEASON,
  institutionId: HMU,
  permissions: { edit: true },
  code: '7720101', nameVi: 'Y khoa', nameEn: 'Medicine', quota: 400, methods, floor: 22.5, tieBreak: ['rank', 'lottery'], tiePolicy: 'strict',
  priorityPoints: true, floorBasis: 'academic', thresholdIncludesBonus: false,
  version: 1,
};
export const programList: Out<typeof ProgramList> = { items: [program] };

export const importResult: Out<typeof PreferenceImportResult> = { replaced: 0, created: 1200, candidates: 480, profiles: 130 };

const TABLE = '1c9e5a3f-7b2d-4f86-9a0c-4e8b2d6f1a93';
const HSA = '6e2a8c4f-0d9b-4b17-8f3e-2a6c9e1d5b70';
const THPT = '9b5d1f7a-3c8e-4a26-b0f4-1d7e3a9c5f82';
const segments = [
  { a: 0, b: 75, c: 0, d: 18, label: 'top 50%–100%' },
  { a: 75, b: 100, c: 18, d: 25.5, label: 'top 5%–50%' },
  { a: 100, b: 150, c: 25.5, d: 30, label: 'top 0%–5%' },
];
export const createTable: In<typeof CreateEquivalenceTable> = { name: 'HSA', segments };
export const buildTable: In<typeof CreateEquivalenceTable> = { name: 'HSA', build: { fromExamId: HSA, fromSubject: 'total', toExamId: THPT, toSubject: 'total' } };
export const updateTable: In<typeof UpdateEquivalenceTable> = { segments, version: 1 };
export const table: Out<typeof EquivalenceTableRecord> = { id: TABLE, seasonId: SEASON, name: 'HSA', segments, source: null, usedBy: ['7720101'], version: 1 };
export const tableList: Out<typeof EquivalenceTableList> = { items: [table] };

export const startRun: In<typeof StartRun> = { kind: 'dry' };
export const run: Out<typeof Run> = {
  id: RUN,
  seasonId: SEASON,
  kind: 'dry',
  status: 'done',
  progress: 1,
  cancelRequested: false,
  startedBy: 'tuyensinh@hmu.edu.vn',
  queuedAt: AT,
  startedAt: AT,
  finishedAt: AT,
  error: null,
  candidates: 480,
  applications: 1150,
  matched: 400,
};
export const queuedRun: Out<typeof Run> = { ...run, status: 'queued', progress: 0, startedAt: null, finishedAt: null, candidates: null, applications: null, matched: null };
export const runList: Out<typeof RunList> = { items: [run] };
