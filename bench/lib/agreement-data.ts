import type pg from 'pg';
import { AgreementContent } from '../../src/contracts/agreements.ts';
import { contentHash } from '../../src/engines/agreements/canonical-hash.ts';
import { prng } from './stats.ts';

// A large, realistic set of agreements for the agreements benchmark, written with the same rows the
// agreements service writes: `agreements`, every version in `agreement_versions` (content = the full
// AgreementContent after the schema's defaults, content_hash = contentHash of it, computed here), the
// projections of the current version (`agreement_parties`, `_areas`, `_contacts`, `_targets`) and
// `agreement_approvals` naming a version by its hash (approvals of earlier versions voided, as an edit does).
//
// Seeded: runs on the same day give the same agreements (four runs gave identical counts). Dates are placed around the platform's "today" of the
// run day (Vietnam time, as the server computes it), so that statuses agree with the dates: `active` ends
// more than 90 days ahead (or never), `expiring` within 90 days, `expired` before today — the server's
// lifecycle job would leave them as they are. Inserted over SQL in batches (`INSERT … SELECT FROM unnest(…)`).

/** The institutions added beside the nine of the demo (universities, hospitals, businesses; several countries). */
export const EXTRA_INSTITUTIONS: { code: string; kind: string; country: string; vi: string; en: string; city: string; weight: number; consortium?: boolean }[] = [
  // Vietnam, universities
  { code: 'NEU', kind: 'university', country: 'VN', vi: 'Trường Đại học Kinh tế Quốc dân', en: 'National Economics University', city: 'Hà Nội', weight: 2.5, consortium: true },
  { code: 'FTU', kind: 'university', country: 'VN', vi: 'Trường Đại học Ngoại thương', en: 'Foreign Trade University', city: 'Hà Nội', weight: 2 },
  { code: 'PTIT', kind: 'university', country: 'VN', vi: 'Học viện Công nghệ Bưu chính Viễn thông', en: 'Posts and Telecommunications Institute of Technology', city: 'Hà Nội', weight: 2.5, consortium: true },
  { code: 'HCMUT', kind: 'university', country: 'VN', vi: 'Trường Đại học Bách khoa – ĐHQG TP.HCM', en: 'Ho Chi Minh City University of Technology', city: 'TP. Hồ Chí Minh', weight: 3 },
  { code: 'DUT', kind: 'university', country: 'VN', vi: 'Trường Đại học Bách khoa – Đại học Đà Nẵng', en: 'University of Science and Technology – University of Danang', city: 'Đà Nẵng', weight: 2.5, consortium: true },
  { code: 'CTU', kind: 'university', country: 'VN', vi: 'Trường Đại học Cần Thơ', en: 'Can Tho University', city: 'Cần Thơ', weight: 2 },
  { code: 'HUEUNI', kind: 'university', country: 'VN', vi: 'Đại học Huế', en: 'Hue University', city: 'Huế', weight: 2 },
  { code: 'TNU', kind: 'university', country: 'VN', vi: 'Đại học Thái Nguyên', en: 'Thai Nguyen University', city: 'Thái Nguyên', weight: 1.5 },
  { code: 'UMP', kind: 'university', country: 'VN', vi: 'Đại học Y Dược Thành phố Hồ Chí Minh', en: 'University of Medicine and Pharmacy at Ho Chi Minh City', city: 'TP. Hồ Chí Minh', weight: 2.5, consortium: true },
  { code: 'HUP', kind: 'university', country: 'VN', vi: 'Trường Đại học Dược Hà Nội', en: 'Hanoi University of Pharmacy', city: 'Hà Nội', weight: 1.5 },
  { code: 'TLU', kind: 'university', country: 'VN', vi: 'Trường Đại học Thủy lợi', en: 'Thuyloi University', city: 'Hà Nội', weight: 1.5 },
  { code: 'VNUA', kind: 'university', country: 'VN', vi: 'Học viện Nông nghiệp Việt Nam', en: 'Vietnam National University of Agriculture', city: 'Hà Nội', weight: 1.5 },
  { code: 'UEH', kind: 'university', country: 'VN', vi: 'Đại học Kinh tế Thành phố Hồ Chí Minh', en: 'University of Economics Ho Chi Minh City', city: 'TP. Hồ Chí Minh', weight: 1.5 },
  { code: 'PHENIKAA', kind: 'university', country: 'VN', vi: 'Trường Đại học Phenikaa', en: 'Phenikaa University', city: 'Hà Nội', weight: 2 },
  { code: 'FPTU', kind: 'university', country: 'VN', vi: 'Trường Đại học FPT', en: 'FPT University', city: 'Hà Nội', weight: 2 },
  { code: 'TDTU', kind: 'university', country: 'VN', vi: 'Trường Đại học Tôn Đức Thắng', en: 'Ton Duc Thang University', city: 'TP. Hồ Chí Minh', weight: 1.5 },
  // Vietnam, hospitals
  { code: 'BVK', kind: 'hospital', country: 'VN', vi: 'Bệnh viện K', en: 'Vietnam National Cancer Hospital', city: 'Hà Nội', weight: 2, consortium: true },
  { code: 'VIETDUC', kind: 'hospital', country: 'VN', vi: 'Bệnh viện Hữu nghị Việt Đức', en: 'Viet Duc University Hospital', city: 'Hà Nội', weight: 2 },
  { code: 'CHORAY', kind: 'hospital', country: 'VN', vi: 'Bệnh viện Chợ Rẫy', en: 'Cho Ray Hospital', city: 'TP. Hồ Chí Minh', weight: 2 },
  { code: 'NHP', kind: 'hospital', country: 'VN', vi: 'Bệnh viện Nhi Trung ương', en: 'Vietnam National Children’s Hospital', city: 'Hà Nội', weight: 1.5 },
  { code: 'BV108', kind: 'hospital', country: 'VN', vi: 'Bệnh viện Trung ương Quân đội 108', en: '108 Military Central Hospital', city: 'Hà Nội', weight: 1.5 },
  { code: 'TAMANH', kind: 'hospital', country: 'VN', vi: 'Bệnh viện Đa khoa Tâm Anh', en: 'Tam Anh General Hospital', city: 'Hà Nội', weight: 1.5 },
  { code: 'HMUH', kind: 'hospital', country: 'VN', vi: 'Bệnh viện Đại học Y Hà Nội', en: 'Hanoi Medical University Hospital', city: 'Hà Nội', weight: 1.5, consortium: true },
  { code: 'BVE', kind: 'hospital', country: 'VN', vi: 'Bệnh viện E', en: 'E Hospital', city: 'Hà Nội', weight: 1 },
  { code: 'HUECH', kind: 'hospital', country: 'VN', vi: 'Bệnh viện Trung ương Huế', en: 'Hue Central Hospital', city: 'Huế', weight: 1.5 },
  // Vietnam, businesses, institutes, agencies
  { code: 'VIETTEL', kind: 'business', country: 'VN', vi: 'Tập đoàn Công nghiệp – Viễn thông Quân đội', en: 'Viettel Group', city: 'Hà Nội', weight: 2.5, consortium: true },
  { code: 'FPT', kind: 'business', country: 'VN', vi: 'Công ty Cổ phần FPT', en: 'FPT Corporation', city: 'Hà Nội', weight: 2.5 },
  { code: 'VNPT', kind: 'business', country: 'VN', vi: 'Tập đoàn Bưu chính Viễn thông Việt Nam', en: 'VNPT Group', city: 'Hà Nội', weight: 2 },
  { code: 'CMC', kind: 'business', country: 'VN', vi: 'Tập đoàn Công nghệ CMC', en: 'CMC Corporation', city: 'Hà Nội', weight: 1.5 },
  { code: 'EVN', kind: 'business', country: 'VN', vi: 'Tập đoàn Điện lực Việt Nam', en: 'Vietnam Electricity', city: 'Hà Nội', weight: 1.5 },
  { code: 'PVN', kind: 'business', country: 'VN', vi: 'Tập đoàn Dầu khí Việt Nam', en: 'Petrovietnam', city: 'Hà Nội', weight: 1 },
  { code: 'VINAMILK', kind: 'business', country: 'VN', vi: 'Công ty Cổ phần Sữa Việt Nam', en: 'Vinamilk', city: 'TP. Hồ Chí Minh', weight: 1 },
  { code: 'MISA', kind: 'business', country: 'VN', vi: 'Công ty Cổ phần MISA', en: 'MISA JSC', city: 'Hà Nội', weight: 1 },
  { code: 'VAST', kind: 'institute', country: 'VN', vi: 'Viện Hàn lâm Khoa học và Công nghệ Việt Nam', en: 'Vietnam Academy of Science and Technology', city: 'Hà Nội', weight: 2 },
  { code: 'NIHE', kind: 'institute', country: 'VN', vi: 'Viện Vệ sinh Dịch tễ Trung ương', en: 'National Institute of Hygiene and Epidemiology', city: 'Hà Nội', weight: 1 },
  { code: 'VASS', kind: 'institute', country: 'VN', vi: 'Viện Hàn lâm Khoa học Xã hội Việt Nam', en: 'Vietnam Academy of Social Sciences', city: 'Hà Nội', weight: 1 },
  { code: 'HNDOST', kind: 'agency', country: 'VN', vi: 'Sở Khoa học và Công nghệ Hà Nội', en: 'Hanoi Department of Science and Technology', city: 'Hà Nội', weight: 1 },
  // Abroad
  { code: 'UTOKYO', kind: 'university', country: 'JP', vi: 'Đại học Tokyo', en: 'The University of Tokyo', city: 'Tokyo', weight: 1.5 },
  { code: 'OSAKAU', kind: 'university', country: 'JP', vi: 'Đại học Osaka', en: 'Osaka University', city: 'Osaka', weight: 2 },
  { code: 'TOHOKU', kind: 'university', country: 'JP', vi: 'Đại học Tohoku', en: 'Tohoku University', city: 'Sendai', weight: 1.5 },
  { code: 'KYOTOU', kind: 'university', country: 'JP', vi: 'Đại học Kyoto', en: 'Kyoto University', city: 'Kyoto', weight: 1 },
  { code: 'TOSHIBA', kind: 'business', country: 'JP', vi: 'Tập đoàn Toshiba', en: 'Toshiba Corporation', city: 'Tokyo', weight: 1 },
  { code: 'SNU', kind: 'university', country: 'KR', vi: 'Đại học Quốc gia Seoul', en: 'Seoul National University', city: 'Seoul', weight: 1.5 },
  { code: 'KAIST', kind: 'university', country: 'KR', vi: 'Viện Khoa học và Công nghệ Tiên tiến Hàn Quốc', en: 'Korea Advanced Institute of Science and Technology', city: 'Daejeon', weight: 1.5 },
  { code: 'SAMSUNG', kind: 'business', country: 'KR', vi: 'Tập đoàn Samsung', en: 'Samsung Electronics', city: 'Suwon', weight: 2 },
  { code: 'SEVERANCE', kind: 'hospital', country: 'KR', vi: 'Bệnh viện Severance', en: 'Severance Hospital', city: 'Seoul', weight: 1 },
  { code: 'SORBONNE', kind: 'university', country: 'FR', vi: 'Đại học Sorbonne', en: 'Sorbonne University', city: 'Paris', weight: 1 },
  { code: 'INSALYON', kind: 'university', country: 'FR', vi: 'Viện Khoa học Ứng dụng Quốc gia Lyon', en: 'INSA Lyon', city: 'Lyon', weight: 1.5 },
  { code: 'APHP', kind: 'hospital', country: 'FR', vi: 'Hệ thống Bệnh viện Công Paris', en: 'Assistance Publique – Hôpitaux de Paris', city: 'Paris', weight: 1 },
  { code: 'TUM', kind: 'university', country: 'DE', vi: 'Đại học Kỹ thuật München', en: 'Technical University of Munich', city: 'München', weight: 1.5 },
  { code: 'RWTH', kind: 'university', country: 'DE', vi: 'Đại học RWTH Aachen', en: 'RWTH Aachen University', city: 'Aachen', weight: 1 },
  { code: 'SIEMENS', kind: 'business', country: 'DE', vi: 'Tập đoàn Siemens', en: 'Siemens AG', city: 'München', weight: 1 },
  { code: 'ASU', kind: 'university', country: 'US', vi: 'Đại học Bang Arizona', en: 'Arizona State University', city: 'Tempe', weight: 1.5 },
  { code: 'PURDUE', kind: 'university', country: 'US', vi: 'Đại học Purdue', en: 'Purdue University', city: 'West Lafayette', weight: 1 },
  { code: 'UNSW', kind: 'university', country: 'AU', vi: 'Đại học New South Wales', en: 'UNSW Sydney', city: 'Sydney', weight: 1 },
  { code: 'MONASH', kind: 'university', country: 'AU', vi: 'Đại học Monash', en: 'Monash University', city: 'Melbourne', weight: 1 },
  { code: 'RMIT', kind: 'university', country: 'AU', vi: 'Đại học RMIT', en: 'RMIT University', city: 'Melbourne', weight: 1.5 },
  { code: 'CHULA', kind: 'university', country: 'TH', vi: 'Đại học Chulalongkorn', en: 'Chulalongkorn University', city: 'Bangkok', weight: 1 },
  { code: 'MAHIDOL', kind: 'university', country: 'TH', vi: 'Đại học Mahidol', en: 'Mahidol University', city: 'Bangkok', weight: 1 },
  { code: 'NUS', kind: 'university', country: 'SG', vi: 'Đại học Quốc gia Singapore', en: 'National University of Singapore', city: 'Singapore', weight: 1 },
  { code: 'NTU', kind: 'university', country: 'SG', vi: 'Đại học Công nghệ Nanyang', en: 'Nanyang Technological University', city: 'Singapore', weight: 1 },
  { code: 'IMPERIAL', kind: 'university', country: 'GB', vi: 'Trường Imperial College London', en: 'Imperial College London', city: 'London', weight: 1 },
  { code: 'TSINGHUA', kind: 'university', country: 'CN', vi: 'Đại học Thanh Hoa', en: 'Tsinghua University', city: 'Bắc Kinh', weight: 1 },
  { code: 'BMSTU', kind: 'university', country: 'RU', vi: 'Đại học Kỹ thuật Quốc gia Bauman Moskva', en: 'Bauman Moscow State Technical University', city: 'Moskva', weight: 1 },
];
/** Weights of the demo institutions as partners (HUST is placed apart, see `hustShare`). */
const DEMO_WEIGHTS: Record<string, number> = { VNU: 4, HMU: 4, VNUHCM: 3.5, BMH: 3, HNUE: 2.5, VINMEC: 3, VINUNI: 2.5, RUMED: 1.5 };

const KINDS: [string, number][] = [['mou', 35], ['cooperation', 33], ['strategic', 8], ['specific', 18], ['annex', 6]];
const STATUSES: [string, number][] = [
  ['draft', 7], ['negotiation', 8], ['awaiting_approval', 5], ['active', 42], ['expiring', 5], ['expired', 25], ['terminated', 8],
];
const VISIBILITY: [string, number][] = [['parties', 88], ['consortium', 8], ['public', 4]];
const KIND_TITLE: Record<string, [string, string]> = {
  mou: ['Biên bản ghi nhớ hợp tác', 'Memorandum of understanding on cooperation'],
  cooperation: ['Thỏa thuận hợp tác', 'Cooperation agreement'],
  strategic: ['Thỏa thuận hợp tác chiến lược', 'Strategic cooperation agreement'],
  specific: ['Hợp đồng hợp tác', 'Specific cooperation contract'],
  annex: ['Phụ lục thỏa thuận', 'Annex to the agreement'],
};
/** Topics of agreements; `q` queries of the benchmark are typed from these, without diacritics. */
export const TOPICS: [string, string][] = [
  ['trí tuệ nhân tạo', 'artificial intelligence'], ['vi mạch bán dẫn', 'semiconductor chips'], ['chuyển đổi số trong y tế', 'digital health'],
  ['năng lượng tái tạo', 'renewable energy'], ['kỹ thuật y sinh', 'biomedical engineering'], ['khoa học dữ liệu', 'data science'],
  ['an ninh mạng', 'cybersecurity'], ['vật liệu mới', 'new materials'], ['công nghệ sinh học', 'biotechnology'],
  ['y học lâm sàng', 'clinical medicine'], ['điều dưỡng', 'nursing'], ['kinh tế số', 'the digital economy'],
  ['biến đổi khí hậu', 'climate change'], ['đào tạo tiếng Nhật', 'Japanese language training'], ['tự động hóa và robot', 'automation and robotics'],
  ['dược học', 'pharmacy'], ['logistics và chuỗi cung ứng', 'logistics and supply chains'], ['giáo dục STEM', 'STEM education'],
  ['ung bướu', 'oncology'], ['nông nghiệp công nghệ cao', 'high-tech agriculture'],
];
type AreaKind = 'training' | 'research' | 'exchange' | 'internship' | 'admissions' | 'services' | 'digital_transformation' | 'custom';
const AREA_KINDS: [AreaKind, number][] = [
  ['training', 20], ['research', 22], ['exchange', 18], ['internship', 12], ['admissions', 6], ['services', 8], ['digital_transformation', 8], ['custom', 6],
];
const AREA: Record<AreaKind, { key: string; vi: string; en: string; metrics: string[] }> = {
  training: { key: 'training', vi: 'Hợp tác đào tạo', en: 'Joint training', metrics: ['trainings_held', 'staff_trained'] },
  research: { key: 'research', vi: 'Nghiên cứu khoa học chung', en: 'Joint research', metrics: ['joint_publications', 'joint_projects', 'seminars_held'] },
  exchange: { key: 'exchange', vi: 'Trao đổi giảng viên và sinh viên', en: 'Staff and student exchange', metrics: ['lecturer_exchanges', 'student_exchanges', 'delegations'] },
  internship: { key: 'internship', vi: 'Thực tập và tuyển dụng', en: 'Internships and recruitment', metrics: ['students_placed'] },
  admissions: { key: 'admissions', vi: 'Tuyển sinh', en: 'Admissions', metrics: ['admitted_students'] },
  services: { key: 'services', vi: 'Dịch vụ khoa học kỹ thuật', en: 'Scientific and technical services', metrics: ['trainings_held', 'joint_projects'] },
  digital_transformation: { key: 'digital', vi: 'Chuyển đổi số', en: 'Digital transformation', metrics: ['staff_trained', 'joint_projects'] },
  custom: { key: 'events', vi: 'Hội thảo và sự kiện khoa học', en: 'Conferences and scientific events', metrics: ['seminars_held', 'delegations'] },
};
const COMMITMENTS: [string, string][] = [
  ['Cử giảng viên tham gia giảng dạy các học phần chuyên ngành', 'Send lecturers to teach specialised courses'],
  ['Tiếp nhận sinh viên thực tập và hướng dẫn tại đơn vị', 'Host and supervise student interns'],
  ['Chia sẻ phòng thí nghiệm và trang thiết bị nghiên cứu', 'Share laboratories and research equipment'],
  ['Cấp học bổng cho sinh viên xuất sắc', 'Grant scholarships to outstanding students'],
  ['Đồng tổ chức hội thảo khoa học hằng năm', 'Co-organise an annual scientific conference'],
  ['Cung cấp dữ liệu và chuyên gia cho các đề tài chung', 'Provide data and experts for joint projects'],
];
const TERMINATION_REASONS = [
  'Hai bên thống nhất chấm dứt trước hạn do thay đổi định hướng hợp tác',
  'Đối tác không thực hiện các cam kết trong hai năm liên tiếp',
  'Thay thế bằng thỏa thuận hợp tác chiến lược mới',
];
// Parties per agreement: 2–5, mean exactly 3 (40/30/20/10%); areas per agreement: 1–9, mean exactly 5.
const PARTY_COUNTS: [number, number][] = [[2, 40], [3, 30], [4, 20], [5, 10]];
const AREA_COUNTS: [number, number][] = [[1, 5], [2, 8], [3, 12], [4, 15], [5, 20], [6, 15], [7, 12], [8, 8], [9, 5]];

const DAY = 86_400_000;
const dayNo = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
/** A timestamp on a given day, at a working hour (Vietnam time). */
const tsOn = (day: number, rand: () => number) => new Date(day * DAY + (1 + rand() * 9) * 3_600_000);

function weighted<T>(rand: () => number, items: [T, number][]): () => T {
  const total = items.reduce((s, it) => s + it[1], 0);
  const cumulative = items.map(((acc) => (it: [T, number]) => (acc += it[1]))(0));
  return () => {
    const x = rand() * total;
    const i = cumulative.findIndex((c) => x < c);
    return items[i < 0 ? items.length - 1 : i][0];
  };
}
/** `n` values in exactly the given proportions, shuffled: exact totals (60,000 parties, 100,000 areas). */
function exactly(rand: () => number, n: number, dist: [number, number][]): number[] {
  const total = dist.reduce((s, d) => s + d[1], 0);
  const out: number[] = [];
  dist.forEach(([v, w], k) => {
    const count = k === dist.length - 1 ? n - out.length : Math.round((n * w) / total);
    for (let j = 0; j < count; j++) out.push(v);
  });
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
function uuid(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
const pick = <T>(rand: () => number, xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const between = (rand: () => number, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

/** Inserts EXTRA_INSTITUTIONS (some of the Vietnamese ones join the demo consortium). */
export async function seedInstitutions(client: pg.Client, consortiumCode = 'HOPTAC-DEMO'): Promise<number> {
  const xs = EXTRA_INSTITUTIONS;
  await client.query(
    `INSERT INTO institutions (code, kind, country, name_vi, name_en, city)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
    [xs.map((x) => x.code), xs.map((x) => x.kind), xs.map((x) => x.country), xs.map((x) => x.vi), xs.map((x) => x.en), xs.map((x) => x.city)],
  );
  await client.query(
    `INSERT INTO consortium_members (consortium_id, institution_id)
     SELECT c.id, i.id FROM consortia c, institutions i WHERE c.code = $1 AND i.code = ANY($2::text[])`,
    [consortiumCode, xs.filter((x) => x.consortium).map((x) => x.code)],
  );
  return xs.length;
}

export interface AgreementInstitution {
  id: string;
  code: string;
  kind: string;
  country: string;
  nameVi: string;
  nameEn: string;
}
export interface AgreementSeedOptions {
  agreements: number;
  /** The officer's institution (HUST), a party of this share of the agreements. */
  home: string;
  hustShare: number;
  /** The platform's calendar day (todayIn(now) of the server). */
  today: string;
  seed?: number;
}
export interface AgreementSeedResult {
  agreements: number;
  versions: number;
  parties: number;
  areas: number;
  contacts: number;
  targets: number;
  approvals: number;
  homeParty: number;
  hashSeconds: number;
  seconds: number;
}

/** Generates and inserts the agreements. `people`/`units`: active people and units per institution id. */
export async function seedAgreements(
  client: pg.Client,
  institutions: AgreementInstitution[],
  people: Map<string, string[]>,
  units: Map<string, string[]>,
  o: AgreementSeedOptions,
  log: (line: string) => void = () => {},
): Promise<AgreementSeedResult> {
  const t0 = performance.now();
  const rand = prng(o.seed ?? 20261124);
  const byId = new Map(institutions.map((i) => [i.id, i]));
  const home = institutions.find((i) => i.code === o.home);
  if (!home) throw new Error(`no institution ${o.home}`);
  const extraWeight = new Map(EXTRA_INSTITUTIONS.map((x) => [x.code, x.weight]));
  const partners = institutions.filter((i) => i.id !== home.id).map((i) => [i, DEMO_WEIGHTS[i.code] ?? extraWeight.get(i.code) ?? 1] as [AgreementInstitution, number]);
  const partner = weighted(rand, partners);
  const kindOf = weighted(rand, KINDS);
  const statusOf = weighted(rand, STATUSES);
  const visibilityOf = weighted(rand, VISIBILITY);
  const areaKindOf = weighted(rand, AREA_KINDS);
  const partyCounts = exactly(rand, o.agreements, PARTY_COUNTS);
  const areaCounts = exactly(rand, o.agreements, AREA_COUNTS);
  const today = dayNo(o.today);
  const first = dayNo('2015-01-01');
  const last = dayNo('2031-12-31');
  const now = Date.now();
  // Nothing happens in the future: later timestamps become "within the last hour".
  const cap = (d: Date) => (d.getTime() > now ? new Date(now - Math.floor(rand() * 3_600_000)) : d);
  const frameworks: { id: string; parties: string[]; hasHome: boolean }[] = [];
  let hashSeconds = 0;
  const totals = { agreements: 0, versions: 0, parties: 0, areas: 0, contacts: 0, targets: 0, approvals: 0, homeParty: 0 };

  const empty = () => ({
    a: [] as unknown[][],
    v: [] as unknown[][],
    p: [] as unknown[][],
    ar: [] as unknown[][],
    c: [] as unknown[][],
    t: [] as unknown[][],
    ap: [] as unknown[][],
  });
  let rows = empty();
  const columns = <T extends unknown[]>(list: T[], n: number) => Array.from({ length: n }, (_, k) => list.map((r) => r[k]));
  const flush = async () => {
    if (rows.a.length === 0) return;
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
      `INSERT INTO agreement_parties (agreement_id, institution_id, unit_id, position)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[])`,
      columns(rows.p, 4),
    );
    await client.query(
      `INSERT INTO agreement_areas (agreement_id, area_key, kind, position) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[])`,
      columns(rows.ar, 4),
    );
    await client.query(
      `INSERT INTO agreement_contacts (agreement_id, area_key, institution_id, person_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[])`,
      columns(rows.c, 4),
    );
    await client.query(
      `INSERT INTO agreement_targets (agreement_id, area_key, target_key, metric, period_start, period_end, value)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::numeric[])`,
      columns(rows.t, 7),
    );
    await client.query(
      `INSERT INTO agreement_approvals (agreement_id, institution_id, version_no, content_hash, approved_by_label, approved_at,
         voided_at, void_reason)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::text[])`,
      columns(rows.ap, 8),
    );
    await client.query('COMMIT');
    rows = empty();
  };

  for (let n = 0; n < o.agreements; n++) {
    const id = uuid(rand);
    let kind = kindOf();
    const status = statusOf();
    const visibility = visibilityOf();
    const partyCount = partyCounts[n];
    // Specific contracts and annexes mostly sit under an earlier framework agreement and share its parties.
    const parent = (kind === 'specific' || kind === 'annex') && frameworks.length > 0 && rand() < 0.75 ? pick(rand, frameworks) : null;
    if ((kind === 'specific' || kind === 'annex') && !parent) kind = 'specific';
    const withHome = parent ? parent.hasHome : rand() < o.hustShare;
    const partyIds: string[] = [];
    if (parent) partyIds.push(...parent.parties.filter((p) => withHome || p !== home.id).slice(0, partyCount));
    else if (withHome) partyIds.push(home.id);
    if (withHome && !partyIds.includes(home.id)) partyIds.unshift(home.id);
    while (partyIds.length < partyCount) {
      const p = partner().id;
      if (!partyIds.includes(p)) partyIds.push(p);
    }
    partyIds.length = partyCount;
    if (withHome && !partyIds.includes(home.id)) partyIds[0] = home.id;
    // The home institution is the first party of most of its agreements, not all.
    if (withHome && partyIds[0] === home.id && rand() < 0.3) [partyIds[0], partyIds[1]] = [partyIds[1], partyIds[0]];
    const hasHome = partyIds.includes(home.id);
    if (hasHome) totals.homeParty++;
    const parties = partyIds.map((pid) => byId.get(pid)!);

    // ---- dates that agree with the status
    let start: number;
    let end: number | null;
    switch (status) {
      case 'draft':
      case 'negotiation':
        start = between(rand, today - 30, today + 400);
        end = rand() < 0.1 ? null : start + between(rand, 365, 5 * 365);
        break;
      case 'awaiting_approval':
        start = between(rand, today - 20, today + 300);
        end = rand() < 0.1 ? null : start + between(rand, 365, 5 * 365);
        break;
      case 'active':
        start = between(rand, first, today - 1);
        end = rand() < 0.1 ? null : between(rand, Math.max(start + 365, today + 91), last);
        break;
      case 'expiring':
        end = between(rand, today, today + 90);
        start = end - between(rand, 2 * 365, 5 * 365);
        break;
      case 'expired':
        start = between(rand, first, today - 400);
        end = Math.min(today - 1, start + between(rand, 365, 5 * 365));
        break;
      default: // terminated
        start = between(rand, first, today - 200);
        end = rand() < 0.15 ? null : start + between(rand, 2 * 365, 5 * 365);
    }
    if (end !== null && end > last) end = last;
    const inForce = ['active', 'expiring', 'expired', 'terminated'].includes(status);
    const signing = inForce ? start - between(rand, 0, 30) : null;
    const draftedOn = inForce ? (signing as number) - between(rand, 30, 180) : Math.min(today, start - between(rand, 10, 120));
    const topic = pick(rand, TOPICS);
    const [kvi, ken] = KIND_TITLE[kind];
    const more = parties.length > 2 ? ' và các đối tác' : '';
    const moreEn = parties.length > 2 ? ' and partners' : '';
    const titleVi = `${kvi} về ${topic[0]} giữa ${parties[0].nameVi} và ${parties[1].nameVi}${more}`;
    const titleEn = `${ken} on ${topic[1]} between ${parties[0].nameEn} and ${parties[1].nameEn}${moreEn}`;

    // ---- areas, contacts, commitments, targets
    const used = new Map<string, number>();
    const areas = Array.from({ length: areaCounts[n] }, () => {
      const ak = areaKindOf();
      const spec = AREA[ak];
      const seen = (used.get(spec.key) ?? 0) + 1;
      used.set(spec.key, seen);
      const key = seen === 1 ? spec.key : `${spec.key}-${seen}`;
      const periodStart = start;
      const periodEnd = Math.max(start + 364, Math.min(end ?? start + 3 * 365, start + between(rand, 1, 3) * 365));
      const targets = Array.from({ length: between(rand, 1, 3) }, (_, k) => ({
        key: `t${k + 1}`,
        metric: spec.metrics[k % spec.metrics.length],
        periodStart: isoOf(periodStart),
        periodEnd: isoOf(periodEnd),
        value: between(rand, 1, 40) * (k === 0 ? 5 : 1),
      }));
      const commitments = Array.from({ length: between(rand, 0, 2) }, (_, k) => {
        const [vi, en] = pick(rand, COMMITMENTS);
        return {
          key: `c${k + 1}`,
          fromInstitutionId: pick(rand, partyIds),
          toInstitutionId: null,
          textVi: vi,
          textEn: en,
          quantity: rand() < 0.5 ? between(rand, 1, 30) : null,
          perYear: rand() < 0.5,
        };
      });
      const contacts = partyIds
        .filter(() => rand() < 0.92)
        .flatMap((pid) => {
          const pool = people.get(pid);
          return pool?.length ? [{ institutionId: pid, personId: pick(rand, pool) }] : [];
        });
      return {
        key,
        kind: ak,
        titleVi: `${spec.vi} về ${topic[0]}`,
        titleEn: `${spec.en} in ${topic[1]}`,
        descriptionVi: rand() < 0.5 ? `Các bên phối hợp ${spec.vi.toLowerCase()} trong lĩnh vực ${topic[0]}.` : '',
        descriptionEn: '',
        contacts,
        commitments,
        targets,
      };
    });
    const final = {
      kind,
      parentId: parent?.id ?? null,
      titleVi,
      titleEn,
      summaryVi: `${kvi} giữa ${parties.map((p) => p.nameVi).join(', ')} trong lĩnh vực ${topic[0]}.`,
      summaryEn: `${ken} between ${parties.map((p) => p.nameEn).join(', ')} in ${topic[1]}.`,
      signingPlace: signing !== null ? (parties[0].country === 'VN' ? 'Hà Nội' : null) : null,
      signingDate: signing !== null ? isoOf(signing) : null,
      startDate: isoOf(start),
      endDate: end !== null ? isoOf(end) : null,
      renewal: end === null ? 'none' : pick(rand, ['none', 'automatic', 'decision'] as const),
      renewalYears: null as number | null,
      parties: partyIds.map((pid) => {
        const pool = units.get(pid);
        return { institutionId: pid, unitId: pool?.length && rand() < 0.25 ? pick(rand, pool) : null };
      }),
      areas,
    };
    if (final.renewal !== 'none') final.renewalYears = between(rand, 1, 5);

    // ---- versions: earlier ones differ in the summary and in a target value
    const versionCount = status === 'draft' ? between(rand, 1, 2) : between(rand, 1, 3);
    const th = performance.now();
    const contents: unknown[] = [];
    for (let k = 1; k <= versionCount; k++) {
      if (k === versionCount) contents.push(final);
      else {
        const earlier = structuredClone(final);
        earlier.summaryVi = `${earlier.summaryVi} (Dự thảo lần ${k}.)`;
        if (earlier.areas[0]) earlier.areas[0].targets[0].value += k;
        contents.push(earlier);
      }
    }
    // Parsed first: the stored content is the schema's output, and the hash is the service's hash of it.
    const parsed = contents.map((c) => AgreementContent.parse(c));
    const hashes = parsed.map((c) => contentHash(c));
    hashSeconds += (performance.now() - th) / 1000;
    // Versions spread from the first draft to a few days before signing (or to today while being drafted).
    const draftingEnds = Math.max(draftedOn + 1, inForce ? (signing as number) - 5 : today);
    const versionDays = Array.from({ length: versionCount }, (_, k) => draftedOn + Math.floor((k * (draftingEnds - draftedOn)) / versionCount));
    const versionAt = versionDays.map((d) => cap(tsOn(d, rand)));
    parsed.forEach((c, k) => {
      rows.v.push([id, k + 1, JSON.stringify(c), hashes[k], k === 0 ? null : `Sửa theo góp ý lần ${k}`, `Cán bộ hợp tác ${parties[0].code}`, versionAt[k]]);
    });

    // ---- approvals: all parties on the current version once in force; some on earlier versions (voided)
    const approvals: { inst: string; v: number; at: Date; voided: Date | null }[] = [];
    for (let k = 1; k < versionCount; k++) {
      const approvers = partyIds.filter(() => rand() < 0.5);
      for (const inst of approvers) {
        const at = cap(new Date(versionAt[k - 1].getTime() + between(rand, 1, 10) * 3_600_000));
        approvals.push({ inst, v: k, at, voided: new Date(Math.max(versionAt[k].getTime(), at.getTime() + 60_000)) });
      }
    }
    const currentApprovers = inForce ? partyIds : status === 'awaiting_approval' ? partyIds.slice(0, between(rand, 1, partyIds.length - 1)) : [];
    const lastVersionAt = versionAt[versionCount - 1];
    for (const inst of currentApprovers) {
      const at = inForce ? tsOn((signing as number) - between(rand, 1, 20), rand) : new Date(lastVersionAt.getTime() + between(rand, 1, 72) * 3_600_000);
      approvals.push({ inst, v: versionCount, at: cap(at < lastVersionAt ? new Date(lastVersionAt.getTime() + 3_600_000) : at), voided: null });
    }
    for (const ap of approvals) {
      rows.ap.push([id, ap.inst, ap.v, hashes[ap.v - 1], `Cán bộ hợp tác ${byId.get(ap.inst)!.code}`, ap.at, ap.voided, ap.voided ? `version ${ap.v + 1}` : null]);
    }
    const fullyApprovedAt = inForce ? new Date(Math.max(...approvals.filter((a) => !a.voided).map((a) => a.at.getTime()))) : null;

    // ---- status change and last update
    let statusChanged: Date;
    let notice: number | null = null;
    if (status === 'terminated') {
      notice = between(rand, start + 30, Math.min(today - 1, end ?? today - 1));
      statusChanged = tsOn(notice, rand);
    } else if (status === 'expired') statusChanged = tsOn((end as number) + 1, rand);
    else if (status === 'expiring') statusChanged = tsOn(Math.max(start, (end as number) - 90), rand);
    else if (status === 'active') statusChanged = tsOn(start, rand);
    else statusChanged = approvals.length && status === 'awaiting_approval' ? approvals[approvals.length - 1].at : lastVersionAt;
    statusChanged = cap(statusChanged);
    const updated = cap(new Date(Math.max(statusChanged.getTime(), lastVersionAt.getTime(), fullyApprovedAt?.getTime() ?? 0) + between(rand, 0, 3) * 3_600_000));
    rows.a.push([
      id, partyIds[0], kind, parent?.id ?? null, status, visibility, titleVi, titleEn, isoOf(start), end !== null ? isoOf(end) : null,
      signing !== null ? isoOf(signing) : null, versionCount, hashes[versionCount - 1], fullyApprovedAt,
      status === 'terminated' ? pick(rand, TERMINATION_REASONS) : null, notice !== null ? isoOf(notice) : null, statusChanged,
      versionAt[0], updated,
    ]);

    // ---- projections of the current version
    final.parties.forEach((p, k) => {
      rows.p.push([id, p.institutionId, p.unitId, k]);
    });
    areas.forEach((a, k) => {
      rows.ar.push([id, a.key, a.kind, k]);
      for (const c of a.contacts) rows.c.push([id, a.key, c.institutionId, c.personId]);
      for (const t of a.targets) rows.t.push([id, a.key, t.key, t.metric, t.periodStart, t.periodEnd, t.value]);
    });
    totals.agreements++;
    totals.versions += versionCount;
    totals.parties += partyIds.length;
    totals.areas += areas.length;
    totals.contacts += areas.reduce((s, a) => s + a.contacts.length, 0);
    totals.targets += areas.reduce((s, a) => s + a.targets.length, 0);
    totals.approvals += approvals.length;
    if (kind === 'mou' || kind === 'cooperation' || kind === 'strategic') frameworks.push({ id, parties: partyIds, hasHome });
    if (rows.a.length >= 1000) await flush();
    if ((n + 1) % 5000 === 0) log(`${(n + 1).toLocaleString('en')} agreements inserted (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  await flush();
  return { ...totals, hashSeconds, seconds: (performance.now() - t0) / 1000 };
}
