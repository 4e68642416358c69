import type pg from 'pg';
import { prng } from './stats.ts';

// A large, realistic directory for the search benchmark: units and people spread over the demo
// institutions, Vietnamese names written with diacritics (family names weighted by their real frequency),
// academic titles, positions, expertise keywords; ~10% private, ~2% archived. Seeded, so every run
// generates the same people. Inserted over plain SQL in batches (`INSERT … SELECT FROM unnest(…)`).

/** Folds like hoptac_fold: lower case, no diacritics, đ → d. */
export const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

// Frequencies (%) after the commonly cited Vietnamese surname statistics.
const FAMILY: [string, number][] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 5.1], ['Huỳnh', 3], ['Phan', 4.5], ['Vũ', 3.9],
  ['Võ', 2], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5],
  ['Đào', 0.6], ['Đoàn', 0.5], ['Vương', 0.2], ['Trịnh', 0.5], ['Trương', 0.5], ['Lâm', 0.3], ['Phùng', 0.2],
  ['Mai', 0.3], ['Tô', 0.2], ['Hà', 0.3], ['Tạ', 0.2], ['Cao', 0.3], ['Lương', 0.2], ['Kiều', 0.1], ['Quách', 0.1],
  ['Khúc', 0.05], ['Thái', 0.1], ['Triệu', 0.1], ['Đinh', 0.4], ['Chu', 0.1], ['Lưu', 0.2], ['Văn', 0.1],
];
const MIDDLE_MALE: [string, number][] = [
  ['Văn', 30], ['Đức', 12], ['Minh', 12], ['Hữu', 8], ['Quang', 8], ['Công', 6], ['Xuân', 4], ['Thanh', 5],
  ['Ngọc', 3], ['Tuấn', 3], ['Hoàng', 3], ['Trung', 2], ['Duy', 3], ['Mạnh', 2], ['Văn Đức', 1], ['Đình', 4],
];
const MIDDLE_FEMALE: [string, number][] = [
  ['Thị', 40], ['Thu', 8], ['Ngọc', 8], ['Thanh', 6], ['Minh', 5], ['Hồng', 5], ['Kim', 4], ['Phương', 3],
  ['Thị Thu', 6], ['Thị Minh', 3], ['Thị Ngọc', 3], ['Thùy', 3], ['Bích', 2], ['Diệu', 2], ['Hải', 2],
];
const GIVEN_MALE = (
  'An Anh Bảo Bình Cường Dũng Đạt Định Đông Đức Giang Hải Hiếu Hoàng Hùng Huy Khải Khánh Khoa Kiên Long Lâm Mạnh ' +
  'Minh Nam Nghĩa Phong Phúc Quân Quang Sơn Tài Thắng Thành Thịnh Tiến Toàn Trung Tuấn Tùng Việt Vinh Vũ Hưng Hậu ' +
  'Lực Lộc Tâm Thái Trí Trọng Tú Tuyên Duy Hòa Khiêm Nhân Phát Quyết Hào Kỳ Luân Sang Thuận Tín Tường Uy'
).split(' ');
const GIVEN_FEMALE = (
  'Anh Châu Chi Dung Giang Hà Hằng Hạnh Hiền Hoa Hồng Huệ Hương Huyền Lan Liên Linh Loan Mai My Nga Ngân Ngọc Nhung ' +
  'Oanh Phương Quyên Quỳnh Tâm Thảo Thủy Trang Trinh Uyên Vân Yến Hường Thư Hòa Lê Nhàn Thoa Trâm Vy Xuân Thanh ' +
  'Thúy Ly Duyên Hiên Nguyệt Tuyết Ánh'
).split(' ');
/** Given names used rarely (a handful of people each): the "single rare word" queries. */
export const RARE_GIVEN = ['Khuê', 'Thục', 'Xoan', 'Diệp', 'Khiết', 'Sửu', 'Nhạn', 'Quế'];

const TITLES: [string | null, number][] = [
  [null, 35], ['ThS.', 25], ['TS.', 18], ['PGS.TS.', 8], ['GS.TS.', 2], ['BS.', 5], ['BSCKII.', 3], ['KS.', 3], ['TS.BS.', 1],
];
const POSITIONS: [string, string, number][] = [
  ['Giảng viên', 'Lecturer', 35], ['Giảng viên chính', 'Senior lecturer', 12], ['Nghiên cứu viên', 'Researcher', 12],
  ['Trưởng bộ môn', 'Head of department', 4], ['Phó trưởng khoa', 'Vice dean', 2], ['Trưởng khoa', 'Dean', 1],
  ['Bác sĩ', 'Physician', 10], ['Điều dưỡng', 'Nurse', 6], ['Chuyên viên', 'Specialist', 12],
  ['Trưởng phòng', 'Head of office', 2], ['Kỹ thuật viên', 'Technician', 4],
];

/** Fields: unit names (vi, en) and the expertise keywords of the people in them. */
const FIELDS: { vi: string; en: string; expertise: string[] }[] = [
  { vi: 'Công nghệ Thông tin', en: 'Information Technology', expertise: ['công nghệ phần mềm', 'software engineering', 'cơ sở dữ liệu'] },
  { vi: 'Khoa học Máy tính', en: 'Computer Science', expertise: ['học máy', 'machine learning', 'thị giác máy tính', 'computer vision'] },
  { vi: 'Trí tuệ Nhân tạo', en: 'Artificial Intelligence', expertise: ['trí tuệ nhân tạo', 'AI', 'xử lý ngôn ngữ tự nhiên', 'NLP'] },
  { vi: 'Điện tử Viễn thông', en: 'Electronics and Telecommunications', expertise: ['vi mạch bán dẫn', 'semiconductors', '5G/6G', 'IoT'] },
  { vi: 'Điều khiển Tự động', en: 'Automatic Control', expertise: ['điều khiển tự động', 'robot', 'robotics'] },
  { vi: 'Cơ khí', en: 'Mechanical Engineering', expertise: ['cơ khí chế tạo', 'in 3D', '3D printing'] },
  { vi: 'Vật liệu', en: 'Materials Science', expertise: ['vật liệu mới', 'new materials', 'vật liệu nano'] },
  { vi: 'Hóa học', en: 'Chemistry', expertise: ['hóa học hữu cơ', 'hóa dầu', 'xúc tác'] },
  { vi: 'Vật lý Kỹ thuật', en: 'Engineering Physics', expertise: ['vật lý y sinh', 'quang học', 'công nghệ lượng tử'] },
  { vi: 'Toán Ứng dụng', en: 'Applied Mathematics', expertise: ['tối ưu hóa', 'thống kê', 'statistics'] },
  { vi: 'Kỹ thuật Y sinh', en: 'Biomedical Engineering', expertise: ['kỹ thuật y sinh', 'biomedical engineering', 'thiết bị y tế'] },
  { vi: 'Công nghệ Sinh học', en: 'Biotechnology', expertise: ['công nghệ sinh học', 'biotechnology', 'công nghệ gen'] },
  { vi: 'Môi trường', en: 'Environmental Engineering', expertise: ['xử lý nước thải', 'biến đổi khí hậu', 'climate change'] },
  { vi: 'Năng lượng', en: 'Energy', expertise: ['năng lượng tái tạo', 'renewable energy', 'lưới điện thông minh'] },
  { vi: 'Kinh tế', en: 'Economics', expertise: ['kinh tế lượng', 'tài chính', 'finance'] },
  { vi: 'Quản trị Kinh doanh', en: 'Business Administration', expertise: ['quản trị chiến lược', 'marketing', 'khởi nghiệp'] },
  { vi: 'Ngoại ngữ', en: 'Foreign Languages', expertise: ['tiếng Anh', 'ngôn ngữ học', 'biên phiên dịch'] },
  { vi: 'Sư phạm Toán', en: 'Mathematics Education', expertise: ['phương pháp dạy học', 'đo lường đánh giá', 'educational assessment'] },
  { vi: 'Tâm lý Giáo dục', en: 'Educational Psychology', expertise: ['tâm lý học', 'tham vấn học đường'] },
  { vi: 'Nội khoa', en: 'Internal Medicine', expertise: ['tim mạch', 'cardiology', 'nội tiết', 'tiêu hóa'] },
  { vi: 'Ngoại khoa', en: 'Surgery', expertise: ['phẫu thuật nội soi', 'ngoại chấn thương', 'ghép tạng'] },
  { vi: 'Nhi khoa', en: 'Paediatrics', expertise: ['nhi khoa', 'sơ sinh', 'dinh dưỡng'] },
  { vi: 'Sản phụ khoa', en: 'Obstetrics and Gynaecology', expertise: ['sản khoa', 'hỗ trợ sinh sản', 'IVF'] },
  { vi: 'Hồi sức Cấp cứu', en: 'Emergency and Critical Care', expertise: ['hồi sức', 'cấp cứu', 'sơ cấp cứu', 'first aid'] },
  { vi: 'Chẩn đoán Hình ảnh', en: 'Diagnostic Imaging', expertise: ['chẩn đoán hình ảnh', 'MRI', 'AI trong y tế'] },
  { vi: 'Y học Dự phòng', en: 'Preventive Medicine', expertise: ['dịch tễ học', 'epidemiology', 'y tế công cộng'] },
  { vi: 'Dược học', en: 'Pharmacy', expertise: ['dược lý', 'bào chế', 'dược lâm sàng'] },
  { vi: 'Răng Hàm Mặt', en: 'Odonto-Stomatology', expertise: ['nha khoa', 'chỉnh nha', 'implant'] },
  { vi: 'Điều dưỡng', en: 'Nursing', expertise: ['chăm sóc người bệnh', 'điều dưỡng cộng đồng'] },
  { vi: 'Ung bướu', en: 'Oncology', expertise: ['ung thư học', 'xạ trị', 'hóa trị'] },
  { vi: 'Thần kinh', en: 'Neurology', expertise: ['đột quỵ', 'stroke', 'động kinh'] },
  { vi: 'Y học Cổ truyền', en: 'Traditional Medicine', expertise: ['y học cổ truyền', 'châm cứu', 'dược liệu'] },
];
const UNIT_PREFIX = {
  top: [['Khoa', 'Faculty of', 'faculty'], ['Viện', 'Institute of', 'school'], ['Trường', 'School of', 'school'], ['Trung tâm', 'Centre for', 'center']],
  child: [['Bộ môn', 'Department of', 'department'], ['Phòng thí nghiệm', 'Laboratory of', 'lab'], ['Nhóm nghiên cứu', 'Research group on', 'lab'], ['Khoa', 'Ward of', 'ward'], ['Trung tâm', 'Centre for', 'center']],
} as const;
const QUALIFIERS: [string, string][] = [
  ['', ''], ['Ứng dụng', 'Applied'], ['Cơ sở', 'Fundamental'], ['Lâm sàng', 'Clinical'], ['Tính toán', 'Computational'],
  ['Thực nghiệm', 'Experimental'], ['Số', 'Digital'], ['Quốc tế', 'International'], ['Nâng cao', 'Advanced'],
];

function weighted<T>(rand: () => number, items: [T, ...unknown[]][], weightIndex: number): () => T {
  const total = items.reduce((s, it) => s + (it[weightIndex] as number), 0);
  const cumulative = items.map(((acc) => (it) => (acc += it[weightIndex] as number))(0));
  return () => {
    const x = rand() * total;
    const i = cumulative.findIndex((c) => x < c);
    return items[i < 0 ? items.length - 1 : i][0];
  };
}

export interface SeedInstitution {
  id: string;
  code: string;
  kind: string;
  /** Share of units and people. */
  weight: number;
}

export interface SeedResult {
  units: number;
  people: number;
  privatePeople: number;
  archivedPeople: number;
  /** A few generated full names, for "whole name" queries. */
  sampleNames: string[];
  seconds: number;
}

/** A version-4-shaped UUID from the seeded generator, so ids (the sort tie-breaker) repeat across runs. */
function uuid(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const pick = <T>(rand: () => number, xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

export async function seedDirectory(
  client: pg.Client,
  institutions: SeedInstitution[],
  counts: { units: number; people: number },
  seed = 20261123,
  log: (line: string) => void = () => {},
): Promise<SeedResult> {
  const t0 = performance.now();
  const rand = prng(seed);
  const family = weighted(rand, FAMILY, 1);
  const middleMale = weighted(rand, MIDDLE_MALE, 1);
  const middleFemale = weighted(rand, MIDDLE_FEMALE, 1);
  const title = weighted(rand, TITLES, 1);
  const position = weighted(rand, POSITIONS.map((p) => [p, p[2]] as [typeof p, number]), 1);
  const totalWeight = institutions.reduce((s, i) => s + i.weight, 0);
  const share = (n: number, w: number) => Math.round((n * w) / totalWeight);

  // ---- units: ~10% top level, the rest children of a top-level unit of the same institution
  const unitsByInstitution = new Map<string, { id: string; field: number }[]>();
  const unitRows: { id: string[]; inst: string[]; parent: (string | null)[]; kind: string[]; code: string[]; vi: string[]; en: string[] } = {
    id: [], inst: [], parent: [], kind: [], code: [], vi: [], en: [],
  };
  let unitNo = 0;
  institutions.forEach((inst, k) => {
    const n = k === institutions.length - 1 ? counts.units - unitNo : share(counts.units, inst.weight);
    const tops = Math.max(1, Math.round(n / 10));
    const list: { id: string; field: number }[] = [];
    const topList: { id: string; field: number }[] = [];
    for (let j = 0; j < n; j++) {
      const id = uuid(rand);
      const isTop = j < tops;
      const parent = isTop ? null : pick(rand, topList);
      const field = parent && rand() < 0.7 ? parent.field : Math.floor(rand() * FIELDS.length);
      const prefixes: readonly (readonly [string, string, string])[] = isTop ? UNIT_PREFIX.top : UNIT_PREFIX.child;
      const [pvi, pen, kind] = pick(rand, prefixes);
      const [qvi, qen] = pick(rand, QUALIFIERS);
      const f = FIELDS[field];
      unitRows.id.push(id);
      unitRows.inst.push(inst.id);
      unitRows.parent.push(parent?.id ?? null);
      unitRows.kind.push(inst.kind === 'hospital' && !isTop && kind === 'department' ? 'ward' : kind);
      unitRows.code.push(`BU${++unitNo}`);
      unitRows.vi.push(`${pvi} ${f.vi}${qvi ? ` ${qvi}` : ''}`);
      unitRows.en.push(`${pen} ${qen ? `${qen} ` : ''}${f.en}`);
      const u = { id, field };
      list.push(u);
      if (isTop) topList.push(u);
    }
    unitsByInstitution.set(inst.id, list);
  });
  // Parents first: the rows are ordered so, and one INSERT … SELECT checks the FK per row in order.
  const BATCH = 5000;
  for (let i = 0; i < unitRows.id.length; i += BATCH) {
    const s = (xs: unknown[]) => xs.slice(i, i + BATCH);
    await client.query(
      `INSERT INTO units (id, institution_id, parent_id, kind, code, name_vi, name_en)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])`,
      [s(unitRows.id), s(unitRows.inst), s(unitRows.parent), s(unitRows.kind), s(unitRows.code), s(unitRows.vi), s(unitRows.en)],
    );
  }
  log(`${unitRows.id.length.toLocaleString('en')} units inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // ---- people
  let personNo = 0;
  let privatePeople = 0;
  let archivedPeople = 0;
  const sampleNames: string[] = [];
  const cols = ['inst', 'unit', 'name', 'title', 'pvi', 'pen', 'email', 'phone', 'expertise', 'languages', 'visibility', 'archived'] as const;
  type Rows = Record<(typeof cols)[number], (string | null)[]>;
  const empty = (): Rows => Object.fromEntries(cols.map((c) => [c, []])) as unknown as Rows;
  let rows = empty();
  const flush = async () => {
    if (rows.inst.length === 0) return;
    await client.query(
      `INSERT INTO people (institution_id, unit_id, full_name, title, position_vi, position_en, email, phone, expertise,
         languages, visibility, archived_at)
       SELECT inst, unit, name, title, pvi, pen, email, phone, string_to_array(expertise, '|'), string_to_array(languages, '|'),
         visibility, CASE WHEN archived THEN now() - interval '30 days' END
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
         $10::text[], $11::text[], $12::boolean[])
         AS t(inst, unit, name, title, pvi, pen, email, phone, expertise, languages, visibility, archived)`,
      cols.map((c) => rows[c]),
    );
    rows = empty();
  };
  for (const [k, inst] of institutions.entries()) {
    const n = k === institutions.length - 1 ? counts.people - personNo : share(counts.people, inst.weight);
    const units = unitsByInstitution.get(inst.id) ?? [];
    const domain = `${inst.code.toLowerCase()}.edu.vn`;
    for (let j = 0; j < n; j++) {
      personNo++;
      const female = rand() < 0.5;
      const fam = family();
      const mid = rand() < 0.04 ? null : female ? middleFemale() : middleMale();
      const given = rand() < 0.004 ? pick(rand, RARE_GIVEN) : pick(rand, female ? GIVEN_FEMALE : GIVEN_MALE);
      const name = [fam, mid, given].filter(Boolean).join(' ');
      if (sampleNames.length < 200 && personNo % 487 === 0) sampleNames.push(name);
      const unit = units.length && rand() > 0.05 ? pick(rand, units) : null;
      const [pvi, pen] = position();
      const field = FIELDS[unit && rand() < 0.85 ? unit.field : Math.floor(rand() * FIELDS.length)];
      const expertise = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(rand, field.expertise)))];
      const initials = fold([fam, mid].filter(Boolean).join(' ')).split(/\s+/).map((w) => w[0]).join('');
      const isPrivate = rand() < 0.1;
      const archived = rand() < 0.02;
      if (isPrivate) privatePeople++;
      if (archived) archivedPeople++;
      rows.inst.push(inst.id);
      rows.unit.push(unit?.id ?? null);
      rows.name.push(name);
      rows.title.push(title());
      rows.pvi.push(pvi);
      rows.pen.push(pen);
      rows.email.push(rand() < 0.75 ? `${fold(given).replace(/\s/g, '')}.${initials}${personNo}@${domain}` : null);
      rows.phone.push(rand() < 0.6 ? `09${String(Math.floor(rand() * 1e8)).padStart(8, '0')}` : null);
      rows.expertise.push(expertise.join('|'));
      rows.languages.push(rand() < 0.6 ? 'vi|en' : rand() < 0.9 ? 'vi' : 'vi|en|fr');
      rows.visibility.push(isPrivate ? 'private' : 'consortium');
      rows.archived.push(archived ? 'true' : 'false');
      if (rows.inst.length >= BATCH) await flush();
    }
  }
  await flush();
  const seconds = (performance.now() - t0) / 1000;
  log(`${personNo.toLocaleString('en')} people inserted, ${seconds.toFixed(1)} s in all`);
  return { units: unitRows.id.length, people: personNo, privatePeople, archivedPeople, sampleNames, seconds };
}
