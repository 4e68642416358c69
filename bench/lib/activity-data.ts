import type pg from 'pg';
import { AgreementContent } from '../../src/contracts/agreements.ts';
import { contentHash } from '../../src/engines/agreements/canonical-hash.ts';
import { EXTRA_INSTITUTIONS, TOPICS } from './agreement-data.ts';
import { prng } from './stats.ts';

// Data for the activities benchmark (issue 10, "Performance"): one institution (HUST) a party of N agreements in
// force, each with 2–4 areas and 2–6 targets over 2025–2027, and many activities under them with organisers,
// named participants (people of the party institutions: the composite FK (institution_id, person_id) → people)
// and anonymous counts.
//
// The agreements are written as the agreements service writes them (and as bench/lib/agreement-data.ts does):
// `agreements`, one version in `agreement_versions` whose content is the full AgreementContent after the schema's
// defaults and whose hash is contentHash of it, the projections of that version (`agreement_parties`, `_areas`,
// `_contacts`, `_targets`) and an approval by every party (fully approved, signed, `active`). They are few (200),
// so they are generated in Node; the activities and their links are generated in SQL (`INSERT … SELECT` over
// `generate_series`, random() after setseed, hashint8 for picks that must agree between statements), so 200,000
// activities and 2,000,000 participant rows take a minute or two rather than ten.

/** Area kinds: their key in the content, titles, the metrics of their targets and the activity kinds recorded under them. */
const AREAS = {
  training: { key: 'training', vi: 'Hợp tác đào tạo', en: 'Joint training', metrics: ['trainings_held', 'staff_trained'], kinds: ['training_course', 'training_course', 'workshop', 'seminar'] },
  research: { key: 'research', vi: 'Nghiên cứu khoa học chung', en: 'Joint research', metrics: ['joint_publications', 'joint_projects', 'seminars_held'], kinds: ['joint_publication', 'joint_project', 'seminar', 'conference', 'workshop'] },
  exchange: { key: 'exchange', vi: 'Trao đổi giảng viên và sinh viên', en: 'Staff and student exchange', metrics: ['lecturer_exchanges', 'student_exchanges', 'delegations'], kinds: ['lecturer_exchange', 'student_exchange', 'student_exchange', 'visit'] },
  internship: { key: 'internship', vi: 'Thực tập và tuyển dụng', en: 'Internships and recruitment', metrics: ['students_placed'], kinds: ['internship', 'internship', 'career_event'] },
  admissions: { key: 'admissions', vi: 'Tuyển sinh', en: 'Admissions', metrics: ['admitted_students', 'seminars_held'], kinds: ['forum', 'career_event', 'other'] },
  services: { key: 'services', vi: 'Dịch vụ khoa học kỹ thuật', en: 'Scientific and technical services', metrics: ['trainings_held', 'joint_projects'], kinds: ['training_course', 'joint_project', 'other'] },
  digital_transformation: { key: 'digital', vi: 'Chuyển đổi số', en: 'Digital transformation', metrics: ['staff_trained', 'joint_projects'], kinds: ['training_course', 'joint_project', 'workshop'] },
  custom: { key: 'events', vi: 'Hội thảo và sự kiện khoa học', en: 'Conferences and scientific events', metrics: ['seminars_held', 'delegations'], kinds: ['seminar', 'forum', 'conference', 'visit', 'community'] },
} as const;
type AreaKind = keyof typeof AREAS;
const AREA_WEIGHTS: [AreaKind, number][] = [
  ['training', 20], ['research', 22], ['exchange', 18], ['internship', 12], ['admissions', 5], ['services', 7], ['digital_transformation', 8], ['custom', 8],
];
/** Metrics counted in activities (the others count people); their targets' values are scaled accordingly. */
const ACTIVITY_METRICS = new Set(['seminars_held', 'trainings_held', 'joint_publications', 'joint_projects', 'delegations']);
/** Target periods: calendar years, academic years and the whole 2025–2027. */
const PERIODS: [string, string][] = [
  ['2025-01-01', '2025-12-31'], ['2026-01-01', '2026-12-31'], ['2027-01-01', '2027-12-31'],
  ['2025-09-01', '2026-08-31'], ['2026-09-01', '2027-08-31'], ['2025-01-01', '2027-12-31'],
];
export const ACTIVITY_KINDS = [
  'seminar', 'forum', 'workshop', 'conference', 'training_course', 'lecturer_exchange', 'student_exchange', 'internship',
  'visit', 'joint_publication', 'joint_project', 'career_event', 'community', 'other',
] as const;
const KIND_TITLES: Record<(typeof ACTIVITY_KINDS)[number], [string, string]> = {
  seminar: ['Seminar chuyên đề', 'Seminar'], forum: ['Diễn đàn', 'Forum'], workshop: ['Hội thảo chuyên đề', 'Workshop'],
  conference: ['Hội nghị khoa học', 'Scientific conference'], training_course: ['Khóa đào tạo', 'Training course'],
  lecturer_exchange: ['Trao đổi giảng viên', 'Lecturer exchange'], student_exchange: ['Trao đổi sinh viên', 'Student exchange'],
  internship: ['Đợt thực tập', 'Internship'], visit: ['Đoàn công tác', 'Delegation visit'], joint_publication: ['Bài báo chung', 'Joint publication'],
  joint_project: ['Đề tài hợp tác', 'Joint project'], career_event: ['Ngày hội việc làm', 'Career day'], community: ['Hoạt động cộng đồng', 'Community activity'],
  other: ['Hoạt động khác', 'Other activity'],
};
const KIND_TITLE: Record<string, [string, string]> = {
  mou: ['Biên bản ghi nhớ hợp tác', 'Memorandum of understanding on cooperation'],
  cooperation: ['Thỏa thuận hợp tác', 'Cooperation agreement'],
  strategic: ['Thỏa thuận hợp tác chiến lược', 'Strategic cooperation agreement'],
};
const DEMO_WEIGHTS: Record<string, number> = { VNU: 4, HMU: 4, VNUHCM: 3.5, BMH: 3, HNUE: 2.5, VINMEC: 3, VINUNI: 2.5, RUMED: 1.5 };

const DAY = 86_400_000;
const dayNo = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const tsOn = (day: number, rand: () => number) => new Date(day * DAY + (1 + rand() * 9) * 3_600_000);
const pick = <T>(rand: () => number, xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const between = (rand: () => number, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
function weighted<T>(rand: () => number, items: [T, number][]): () => T {
  const total = items.reduce((s, it) => s + it[1], 0);
  return () => {
    let x = rand() * total;
    for (const [v, w] of items) {
      if (x < w) return v;
      x -= w;
    }
    return items[items.length - 1][0];
  };
}
function uuid(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface Institution {
  id: string;
  code: string;
  country: string;
  nameVi: string;
  nameEn: string;
}

/** Weights of the people of each institution: the home institution gets `homeShare` of them, partners by weight. */
export function peopleWeights(institutions: Institution[], home: string, homeShare: number): Map<string, number> {
  const extra = new Map(EXTRA_INSTITUTIONS.map((x) => [x.code, x.weight]));
  const partners = institutions.filter((i) => i.code !== home);
  const w = new Map(partners.map((i) => [i.id, DEMO_WEIGHTS[i.code] ?? extra.get(i.code) ?? 1]));
  const sum = [...w.values()].reduce((a, b) => a + b, 0);
  const homeInst = institutions.find((i) => i.code === home);
  if (homeInst) w.set(homeInst.id, (sum * homeShare) / (1 - homeShare));
  return w;
}

export interface SeededAgreement {
  id: string;
  /** The home institution first, then the partners. */
  parties: string[];
  areas: { key: string; kind: AreaKind }[];
  targets: { areaKey: string; key: string; metric: string; periodStart: string; periodEnd: string; value: number }[];
}

export interface HomeAgreementsResult {
  agreements: SeededAgreement[];
  parties: number;
  areas: number;
  contacts: number;
  targets: number;
  approvals: number;
  seconds: number;
}

/**
 * `count` agreements in force (`active`, signed 2019–2023, ending 2029–2031 or open-ended) between `home` and 1–3
 * partners, each with 2–4 areas of distinct kinds, a point of contact per party in ~92% of the areas, and 2–6
 * targets whose metrics suit their area, over periods within 2025–2027. Target keys are `t1`, `t2`… within each
 * area (as the editor and the demo name them), so two areas of an agreement may both have a `t1`.
 */
export async function seedHomeAgreements(
  client: pg.Client,
  institutions: Institution[],
  people: Map<string, string[]>,
  o: { count: number; home: string; seed?: number },
): Promise<HomeAgreementsResult> {
  const t0 = performance.now();
  const rand = prng(o.seed ?? 20261127);
  const home = institutions.find((i) => i.code === o.home);
  if (!home) throw new Error(`no institution ${o.home}`);
  const byId = new Map(institutions.map((i) => [i.id, i]));
  const extra = new Map(EXTRA_INSTITUTIONS.map((x) => [x.code, x.weight]));
  const partner = weighted(
    rand,
    institutions.filter((i) => i.id !== home.id && (people.get(i.id)?.length ?? 0) > 0).map((i) => [i, DEMO_WEIGHTS[i.code] ?? extra.get(i.code) ?? 1] as [Institution, number]),
  );
  const areaKind = weighted(rand, AREA_WEIGHTS);
  const kindOf = weighted(rand, [['mou', 40], ['cooperation', 45], ['strategic', 15]] as [string, number][]);
  const rows = { a: [] as unknown[][], v: [] as unknown[][], p: [] as unknown[][], ar: [] as unknown[][], c: [] as unknown[][], t: [] as unknown[][], ap: [] as unknown[][] };
  const out: SeededAgreement[] = [];
  const now = Date.now();
  const cap = (d: Date) => (d.getTime() > now ? new Date(now - 3_600_000) : d);

  for (let n = 0; n < o.count; n++) {
    const id = uuid(rand);
    const kind = kindOf();
    const partnerCount = weighted(rand, [[1, 45], [2, 35], [3, 20]] as [number, number][])();
    const partyIds = [home.id];
    while (partyIds.length < partnerCount + 1) {
      const p = partner().id;
      if (!partyIds.includes(p)) partyIds.push(p);
    }
    // Content order: HUST first in 70% of them (the seeded arrays keep HUST first regardless).
    const order = rand() < 0.7 ? partyIds : [partyIds[1], partyIds[0], ...partyIds.slice(2)];
    const parties = order.map((pid) => byId.get(pid)!);
    const start = between(rand, dayNo('2019-01-01'), dayNo('2023-12-31'));
    const end = rand() < 0.1 ? null : between(rand, dayNo('2029-01-01'), dayNo('2031-12-31'));
    const signing = start - between(rand, 0, 30);
    const topic = pick(rand, TOPICS);
    const [kvi, ken] = KIND_TITLE[kind];
    const more = parties.length > 2 ? ' và các đối tác' : '';
    const moreEn = parties.length > 2 ? ' and partners' : '';

    const kinds: AreaKind[] = [];
    const areaCount = between(rand, 2, 4);
    while (kinds.length < areaCount) {
      const k = areaKind();
      if (!kinds.includes(k)) kinds.push(k);
    }
    const targetCount = between(rand, 2, 6);
    const perArea = kinds.map(() => 0);
    for (let j = 0; j < targetCount; j++) perArea[j < kinds.length ? j : Math.floor(rand() * kinds.length)]++;
    const targets: SeededAgreement['targets'] = [];
    const areas = kinds.map((k, i) => {
      const spec = AREAS[k];
      const offset = Math.floor(rand() * spec.metrics.length);
      const areaTargets = Array.from({ length: perArea[i] }, (_, j) => {
        const metric = spec.metrics[(offset + j) % spec.metrics.length];
        const [periodStart, periodEnd] = pick(rand, PERIODS);
        const years = (dayNo(periodEnd) - dayNo(periodStart) + 1) / 365;
        const value = Math.max(1, Math.round((ACTIVITY_METRICS.has(metric) ? between(rand, 8, 40) : between(rand, 60, 400)) * years));
        const t = { key: `t${j + 1}`, metric, periodStart, periodEnd, value };
        targets.push({ areaKey: spec.key, ...t });
        return t;
      });
      const contacts = order
        .filter(() => rand() < 0.92)
        .flatMap((pid) => {
          const pool = people.get(pid);
          return pool?.length ? [{ institutionId: pid, personId: pick(rand, pool) }] : [];
        });
      return {
        key: spec.key,
        kind: k,
        titleVi: `${spec.vi} về ${topic[0]}`,
        titleEn: `${spec.en} in ${topic[1]}`,
        descriptionVi: `Các bên phối hợp ${spec.vi.toLowerCase()} trong lĩnh vực ${topic[0]}.`,
        descriptionEn: '',
        contacts,
        commitments: rand() < 0.5
          ? [{ key: 'c1', fromInstitutionId: pick(rand, order), toInstitutionId: null, textVi: 'Cử cán bộ tham gia các hoạt động chung', textEn: 'Send staff to the joint activities', quantity: between(rand, 2, 20), perYear: true }]
          : [],
        targets: areaTargets,
      };
    });
    const content = AgreementContent.parse({
      kind,
      parentId: null,
      titleVi: `${kvi} về ${topic[0]} giữa ${parties[0].nameVi} và ${parties[1].nameVi}${more}`,
      titleEn: `${ken} on ${topic[1]} between ${parties[0].nameEn} and ${parties[1].nameEn}${moreEn}`,
      summaryVi: `${kvi} giữa ${parties.map((p) => p.nameVi).join(', ')} trong lĩnh vực ${topic[0]}.`,
      summaryEn: `${ken} between ${parties.map((p) => p.nameEn).join(', ')} in ${topic[1]}.`,
      signingPlace: parties[0].country === 'VN' ? 'Hà Nội' : null,
      signingDate: isoOf(signing),
      startDate: isoOf(start),
      endDate: end === null ? null : isoOf(end),
      renewal: end === null ? 'none' : 'decision',
      renewalYears: end === null ? null : between(rand, 1, 5),
      parties: order.map((pid) => ({ institutionId: pid, unitId: null })),
      areas,
    });
    const hash = contentHash(content);
    const versionAt = cap(tsOn(signing - between(rand, 20, 90), rand));
    const approvals = order.map((pid) => ({ inst: pid, at: cap(tsOn(signing - between(rand, 1, 15), rand)) }));
    const fullyApprovedAt = new Date(Math.max(...approvals.map((a) => a.at.getTime())));
    const statusChanged = cap(tsOn(start, rand));
    const updated = new Date(Math.max(statusChanged.getTime(), fullyApprovedAt.getTime()));
    rows.a.push([
      id, order[0], kind, null, 'active', rand() < 0.9 ? 'parties' : 'consortium', content.titleVi, content.titleEn, content.startDate, content.endDate,
      content.signingDate, 1, hash, fullyApprovedAt, null, null, statusChanged, versionAt, updated,
    ]);
    rows.v.push([id, 1, JSON.stringify(content), hash, null, `Cán bộ hợp tác ${parties[0].code}`, versionAt]);
    order.forEach((pid, k) => {
      rows.p.push([id, pid, null, k]);
    });
    for (const ap of approvals) rows.ap.push([id, ap.inst, 1, hash, `Cán bộ hợp tác ${byId.get(ap.inst)!.code}`, ap.at, null, null]);
    content.areas.forEach((a, k) => {
      rows.ar.push([id, a.key, a.kind, k]);
      for (const c of a.contacts) rows.c.push([id, a.key, c.institutionId, c.personId]);
      for (const t of a.targets) rows.t.push([id, a.key, t.key, t.metric, t.periodStart, t.periodEnd, t.value]);
    });
    out.push({ id, parties: partyIds, areas: kinds.map((k) => ({ key: AREAS[k].key, kind: k })), targets });
  }

  const columns = (list: unknown[][], n: number) => Array.from({ length: n }, (_, k) => list.map((r) => r[k]));
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO agreements (id, owner_institution_id, kind, parent_id, status, visibility, title_vi, title_en, start_date,
       end_date, signing_date, current_version, content_hash, fully_approved_at, status_reason, notice_date, status_changed_at,
       created_at, updated_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
       $9::date[], $10::date[], $11::date[], $12::int[], $13::text[], $14::timestamptz[], $15::text[], $16::date[],
       $17::timestamptz[], $18::timestamptz[], $19::timestamptz[])`,
    columns(rows.a, 19),
  );
  await client.query(
    `INSERT INTO agreement_versions (agreement_id, version_no, content, content_hash, change_note, created_by_label, created_at)
     SELECT a, n, c::jsonb, h, note, label, at
     FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[]) AS t(a, n, c, h, note, label, at)`,
    columns(rows.v, 7),
  );
  await client.query(
    `INSERT INTO agreement_parties (agreement_id, institution_id, unit_id, position) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[])`,
    columns(rows.p, 4),
  );
  await client.query(
    `INSERT INTO agreement_areas (agreement_id, area_key, kind, position) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[])`,
    columns(rows.ar, 4),
  );
  await client.query(
    `INSERT INTO agreement_contacts (agreement_id, area_key, institution_id, person_id) SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[])`,
    columns(rows.c, 4),
  );
  await client.query(
    `INSERT INTO agreement_targets (agreement_id, area_key, target_key, metric, period_start, period_end, value)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::numeric[])`,
    columns(rows.t, 7),
  );
  await client.query(
    `INSERT INTO agreement_approvals (agreement_id, institution_id, version_no, content_hash, approved_by_label, approved_at, voided_at, void_reason)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::text[])`,
    columns(rows.ap, 8),
  );
  await client.query('COMMIT');
  return {
    agreements: out,
    parties: rows.p.length,
    areas: rows.ar.length,
    contacts: rows.c.length,
    targets: rows.t.length,
    approvals: rows.ap.length,
    seconds: (performance.now() - t0) / 1000,
  };
}

export interface ActivitySeedResult {
  activities: number;
  done: number;
  planned: number;
  cancelled: number;
  organisers: number;
  participants: number;
  counts: number;
  seconds: number;
}

/**
 * `activities` activities under the agreements (300–1,700 per agreement in proportion, exact total), with
 * `participants` named participants in all (exactly; 0–2× the mean per activity), organisers and counts.
 *
 * - area: one of the agreement's areas; kind: one suited to the area (85%) or any (15%);
 * - start: 2024-01-01 … 2027-12-31, 88% up to `today` (then done 91%, cancelled 5%, still planned 4%) and 12% after
 *   it (planned 95%, cancelled 5%): ~80% done; end: the same day to a few months later by kind;
 * - participants: people of the agreement's parties, alternating between the parties (the home institution
 *   first), distinct within an activity, from each institution's active people (hashint8-spread, so people recur
 *   across the activities of an agreement, as they do); role by kind (students on exchanges and internships);
 * - organisers: the home institution (45%), a partner (30%) or both (25%);
 * - counts: ~60% of seminars, forums, conferences, workshops, community and career events count anonymous
 *   participants (students of the home institution, and for half of them also others of a partner), as do 15%
 *   of training courses (staff of a partner).
 */
export async function seedActivities(
  client: pg.Client,
  agreements: SeededAgreement[],
  people: Map<string, string[]>,
  o: { activities: number; participants: number; today: string; seed?: number },
  log: (line: string) => void = () => {},
): Promise<ActivitySeedResult> {
  const t0 = performance.now();
  const rand = prng(o.seed ?? 20261128);
  // Activities per agreement: proportional to 0.3–1.7, exact total.
  const weights = agreements.map(() => 0.3 + 1.4 * rand());
  const wsum = weights.reduce((a, b) => a + b, 0);
  const perAgreement = weights.map((w) => Math.floor((o.activities * w) / wsum));
  for (let i = 0, rest = o.activities - perAgreement.reduce((a, b) => a + b, 0); rest > 0; i = (i + 1) % perAgreement.length, rest--) perAgreement[i]++;
  const first: number[] = [];
  let offset = 0;
  for (const count of perAgreement) {
    first.push(offset);
    offset += count;
  }
  const mean = Math.floor(o.participants / o.activities);
  const extraOnes = o.participants - mean * o.activities;
  // Each party needs enough people for the distinct participants of one activity.
  const neededPerParty = Math.ceil((2 * mean + 2) / 2);
  for (const a of agreements) {
    for (const p of a.parties) {
      if ((people.get(p)?.length ?? 0) < neededPerParty) throw new Error(`institution ${p} has ${people.get(p)?.length ?? 0} people, fewer than ${neededPerParty}`);
    }
  }
  const today = o.today;
  const last = '2027-12-31';
  const pastDays = Math.max(1, dayNo(today < last ? today : last) - dayNo('2024-01-01') + 1);
  const futureDays = Math.max(0, dayNo(last) - dayNo(today));
  const pastShare = futureDays > 0 ? 0.88 : 1;

  await client.query('SET synchronous_commit = off');
  await client.query('DROP TABLE IF EXISTS bench_ag, bench_area, bench_pool, bench_pool_n, bench_kind, bench_act');
  await client.query(`CREATE TEMP TABLE bench_ag (no int PRIMARY KEY, id uuid, parties uuid[], area_keys text[], area_kinds text[], n_act int, first_g int)`);
  await client.query(
    `INSERT INTO bench_ag SELECT no, id, parties::uuid[], keys::text[], kinds::text[], n, f
       FROM unnest($1::int[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[]) AS t(no, id, parties, keys, kinds, n, f)`,
    [
      agreements.map((_, i) => i),
      agreements.map((a) => a.id),
      // Arrays of arrays of unequal length: passed as array literals.
      agreements.map((a) => `{${a.parties.join(',')}}`),
      agreements.map((a) => `{${a.areas.map((x) => x.key).join(',')}}`),
      agreements.map((a) => `{${a.areas.map((x) => x.kind).join(',')}}`),
      perAgreement,
      first,
    ],
  );
  await client.query(`CREATE TEMP TABLE bench_area (kind text PRIMARY KEY, kinds text[])`);
  await client.query(`INSERT INTO bench_area SELECT k, ks::text[] FROM unnest($1::text[], $2::text[]) AS t(k, ks)`, [
    Object.keys(AREAS),
    Object.values(AREAS).map((s) => `{${s.kinds.join(',')}}`),
  ]);
  await client.query(`CREATE TEMP TABLE bench_kind (kind text PRIMARY KEY, vi text, en text)`);
  await client.query(`INSERT INTO bench_kind SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`, [
    [...ACTIVITY_KINDS],
    ACTIVITY_KINDS.map((k) => KIND_TITLES[k][0]),
    ACTIVITY_KINDS.map((k) => KIND_TITLES[k][1]),
  ]);
  const ids = [...new Set(agreements.flatMap((a) => a.parties))];
  await client.query(`CREATE TEMP TABLE bench_pool (institution_id uuid, k int, person_id uuid, PRIMARY KEY (institution_id, k))`);
  await client.query(
    `INSERT INTO bench_pool SELECT i, k - 1, p FROM unnest($1::uuid[], $2::int[], $3::uuid[]) AS t(i, k, p)`,
    [
      ids.flatMap((i) => people.get(i)!.map(() => i)),
      ids.flatMap((i) => people.get(i)!.map((_, k) => k + 1)),
      ids.flatMap((i) => people.get(i)!),
    ],
  );
  await client.query(`CREATE TEMP TABLE bench_pool_n AS SELECT institution_id, count(*)::int AS n FROM bench_pool GROUP BY 1`);
  await client.query('ANALYZE bench_ag; ANALYZE bench_pool; ANALYZE bench_pool_n');

  // ---- staging: one row per activity with everything its links need (random() after setseed: the same each run)
  await client.query('SELECT setseed($1)', [((o.seed ?? 20261128) % 1000) / 1000]);
  await client.query(
    `CREATE TEMP TABLE bench_act AS
     WITH b AS (
       SELECT ag.first_g + s - 1 AS g, ag.id AS agreement_id, ag.parties, cardinality(ag.parties) AS np,
         1 + floor(random() * cardinality(ag.area_keys))::int AS area_i, ag.area_keys, ag.area_kinds,
         random() AS r_kind, random() AS r_kind2, random() AS r_when, random() AS r_day, random() AS r_status,
         random() AS r_len, random() AS r_org, random() AS r_cnt
       FROM bench_ag ag CROSS JOIN LATERAL generate_series(1, ag.n_act) s
     ), k AS (
       SELECT b.*, b.area_keys[b.area_i] AS area_key,
         CASE WHEN b.r_kind < 0.85 THEN ar.kinds[1 + floor(b.r_kind2 * cardinality(ar.kinds))::int]
              ELSE ($1::text[])[1 + floor(b.r_kind2 * cardinality($1::text[]))::int] END AS kind,
         CASE WHEN b.r_when < $2::float8 THEN date '2024-01-01' + floor(b.r_day * $3::int)::int
              ELSE $4::date + 1 + floor(b.r_day * greatest($5::int, 1))::int END AS start_date
       FROM b JOIN bench_area ar ON ar.kind = b.area_kinds[b.area_i]
     )
     SELECT gen_random_uuid() AS id, g, agreement_id, parties, np, area_key, kind, start_date,
       start_date + CASE kind WHEN 'lecturer_exchange' THEN 7 + floor(r_len * 120)::int WHEN 'student_exchange' THEN 30 + floor(r_len * 150)::int
         WHEN 'internship' THEN 30 + floor(r_len * 90)::int WHEN 'joint_project' THEN 90 + floor(r_len * 270)::int
         WHEN 'training_course' THEN floor(r_len * 10)::int WHEN 'joint_publication' THEN 0 ELSE floor(r_len * 3)::int END AS end_date,
       CASE WHEN start_date <= $4::date THEN (CASE WHEN r_status < 0.91 THEN 'done' WHEN r_status < 0.96 THEN 'cancelled' ELSE 'planned' END)
            ELSE (CASE WHEN r_status < 0.95 THEN 'planned' ELSE 'cancelled' END) END AS status,
       CASE WHEN r_org < 0.45 THEN 1 WHEN r_org < 0.75 THEN 2 ELSE 3 END AS organisers,
       r_cnt,
       -- participants: pairs (g, g+1) add up to 2 × mean; the first extraOnes activities one more
       greatest(0, $6::int + CASE WHEN g = $8::int - 1 AND $8::int % 2 = 1 THEN 0
         WHEN g % 2 = 0 THEN abs(hashint8((g / 2)::bigint)::bigint) % ($6::int + 1) ELSE -(abs(hashint8((g / 2)::bigint)::bigint) % ($6::int + 1)) END
         + CASE WHEN g < $7::int THEN 1 ELSE 0 END) AS n_part
     FROM k`,
    [[...ACTIVITY_KINDS], pastShare, pastDays, today, futureDays, mean, extraOnes, o.activities],
  );
  await client.query('CREATE INDEX ON bench_act (g)');
  await client.query('ANALYZE bench_act');
  log(`staging: ${o.activities.toLocaleString('en')} activities generated (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  const chunk = 25_000;
  let t = performance.now();
  for (let g = 0; g < o.activities; g += chunk) {
    await client.query(
      `INSERT INTO activities (id, agreement_id, area_key, kind, status, title_vi, title_en, description_vi, start_date, end_date,
         place, online, outcomes, is_public, created_by_label, created_at, updated_at)
       SELECT a.id, a.agreement_id, a.area_key, a.kind, a.status,
         k.vi || ' ' || (a.g % 997 + 1), k.en || ' ' || (a.g % 997 + 1),
         CASE WHEN a.g % 3 = 0 THEN 'Hoạt động trong khuôn khổ thỏa thuận hợp tác.' ELSE '' END,
         a.start_date, a.end_date,
         CASE WHEN a.g % 5 = 0 THEN '' WHEN a.g % 2 = 0 THEN 'Hà Nội' ELSE 'Trực tuyến' END, a.g % 5 = 1,
         CASE WHEN a.status = 'done' AND a.g % 4 = 0 THEN 'Hai bên thống nhất kế hoạch tiếp theo.' ELSE '' END, a.g % 10 = 0,
         'Cán bộ hợp tác HUST',
         least(now(), CASE WHEN a.status = 'done' THEN a.end_date + 2 + a.g % 9 ELSE a.start_date - 30 END::timestamptz + interval '9 hours'),
         least(now(), CASE WHEN a.status = 'done' THEN a.end_date + 2 + a.g % 9 ELSE a.start_date - 20 END::timestamptz + interval '10 hours')
       FROM bench_act a JOIN bench_kind k ON k.kind = a.kind WHERE a.g >= $1 AND a.g < $2`,
      [g, g + chunk],
    );
  }
  log(`activities inserted (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  t = performance.now();
  await client.query(
    `INSERT INTO activity_organisers (activity_id, institution_id)
     SELECT id, parties[1] FROM bench_act WHERE organisers IN (1, 3)
     UNION ALL SELECT id, parties[2] FROM bench_act WHERE organisers IN (2, 3)`,
  );
  await client.query(
    `INSERT INTO activity_counts (activity_id, institution_id, role, count)
     SELECT id, parties[1], 'student', 10 + floor(r_cnt * 500)::int FROM bench_act
       WHERE kind IN ('seminar', 'forum', 'conference', 'workshop', 'community', 'career_event') AND r_cnt < 0.6
     UNION ALL SELECT id, parties[2], 'other', 5 + floor(r_cnt * 200)::int FROM bench_act
       WHERE kind IN ('seminar', 'forum', 'conference', 'workshop', 'community', 'career_event') AND r_cnt < 0.3
     UNION ALL SELECT id, parties[2], 'staff', 5 + floor(r_cnt * 100)::int FROM bench_act WHERE kind = 'training_course' AND r_cnt < 0.15`,
  );
  log(`organisers and counts inserted (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  t = performance.now();
  const pchunk = 20_000;
  for (let g = 0; g < o.activities; g += pchunk) {
    await client.query(
      `INSERT INTO activity_participants (activity_id, person_id, institution_id, role)
       SELECT a.id, p.person_id, p.institution_id,
         CASE a.kind WHEN 'student_exchange' THEN 'student'
           WHEN 'internship' THEN CASE WHEN x.k % 8 = 7 THEN 'staff' ELSE 'student' END
           WHEN 'lecturer_exchange' THEN CASE WHEN x.k % 5 = 4 THEN 'researcher' ELSE 'lecturer' END
           WHEN 'training_course' THEN (ARRAY['staff', 'lecturer', 'staff', 'researcher', 'student'])[1 + abs(hashint8(a.g::bigint * 32 + x.k)::bigint) % 5]
           ELSE (ARRAY['lecturer', 'researcher', 'student', 'staff', 'expert', 'other'])[1 + abs(hashint8(a.g::bigint * 32 + x.k)::bigint) % 6] END
       FROM bench_act a
       CROSS JOIN LATERAL generate_series(0, a.n_part - 1) AS x(k)
       JOIN bench_pool_n n ON n.institution_id = a.parties[1 + x.k % a.np]
       JOIN bench_pool p ON p.institution_id = n.institution_id
         AND p.k = (abs(hashint8(a.g::bigint * 8 + x.k % a.np)::bigint) % n.n + x.k / a.np) % n.n
       WHERE a.g >= $1 AND a.g < $2`,
      [g, g + pchunk],
    );
    if (o.activities > pchunk * 2 && (g / pchunk) % 2 === 1) {
      log(`  participants of ${Math.min(g + pchunk, o.activities).toLocaleString('en')} activities (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    }
  }
  log(`participants inserted (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  const c = (
    await client.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM bench_act) AS activities,
         (SELECT count(*) FILTER (WHERE status = 'done')::int FROM bench_act) AS done,
         (SELECT count(*) FILTER (WHERE status = 'planned')::int FROM bench_act) AS planned,
         (SELECT count(*) FILTER (WHERE status = 'cancelled')::int FROM bench_act) AS cancelled,
         (SELECT count(*)::int FROM activity_organisers o JOIN bench_act a ON a.id = o.activity_id) AS organisers,
         (SELECT count(*)::int FROM activity_participants p JOIN bench_act a ON a.id = p.activity_id) AS participants,
         (SELECT count(*)::int FROM activity_counts x JOIN bench_act a ON a.id = x.activity_id) AS counts`,
    )
  ).rows[0];
  await client.query('DROP TABLE bench_ag, bench_area, bench_pool, bench_pool_n, bench_kind, bench_act');
  await client.query('SET synchronous_commit = on');
  return {
    activities: c.activities,
    done: c.done,
    planned: c.planned,
    cancelled: c.cancelled,
    organisers: c.organisers,
    participants: c.participants,
    counts: c.counts,
    seconds: (performance.now() - t0) / 1000,
  };
}
