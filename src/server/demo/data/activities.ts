// Demo activities: about two years (autumn 2024 – early 2027) of what the parties of the demo agreements did or plan
// to do, so that progress, dashboards and dormancy show something true-looking (PRODUCT.md "Demo data", issue 10
// item 7). Pure data — no I/O, no database; ../activities-loader.ts resolves codes, people and agreement keys.
//
// Only the HNUE–HMU working session of 13 January 2026 is reported by a seed (001): its date, place, the three
// leaders named and what was agreed are kept as reported; the number of heads of departments who attended is
// sample data. Everything else is SAMPLE data (every row is loaded with `is_sample = true`). People named in
// the seeds take part only in the session the seed reports; invented activities name generated demo people.
//
// The story as of the demo's today, 27 November 2026 (dates are fixed, never taken from the clock):
//  - HUST–Bach Mai MoU: staff trained achieved, internships and joint projects on track, trainings held behind
//    (a fourth course planned for December), joint publications at risk;
//  - HMU–Vinmec–VinUni: trainings held and seminars achieved, lecturer exchanges and clinical placements on track,
//    staff trained and joint publications behind;
//  - VNU–VNU-HCM–HUST (Resolution 57): lecturer exchanges and business seminars achieved, publications on track,
//    joint projects behind, student exchanges of 2025–2026 missed;
//  - HMU–Russia: lecturer exchanges achieved, student exchanges and clinical placements behind;
//  - VinUni–HUST exchange (expiring in January 2027): nothing done since October 2025 — the one dormant agreement,
//    its student exchanges at risk; a working session on its renewal is planned;
//  - HNUE–HMU (in negotiation): the working sessions since 13 January 2026, one cancelled, the next planned.

import type { ActivityKind, ActivityStatus, ParticipantRole } from '../../../contracts/activities.ts';
import { demoAgreements, type DemoAgreement } from './agreements.ts';
import { type DemoData, demoData } from './index.ts';

/** The demo's "today" for activities: done ones start on or before it, planned ones after it. */
export const ACTIVITIES_TODAY = '2026-11-27';

export interface DemoParticipant {
  /** E-mail of a demo person (or full name for a person from the seeds). */
  person: string;
  role: ParticipantRole;
}
export interface DemoCount {
  institution: string;
  role: ParticipantRole;
  count: number;
}
export interface DemoActivity {
  /** Stable key within the demo (the row's id is derived from it). */
  key: string;
  /** `key` of the demo agreement. */
  agreement: string;
  /** Area key of the agreement's current content. */
  area: string;
  kind: ActivityKind;
  status: ActivityStatus;
  titleVi: string;
  titleEn: string;
  descriptionVi?: string;
  descriptionEn?: string;
  start: string;
  /** Default: the start date. */
  end?: string;
  place: string;
  online?: boolean;
  /** Vietnamese, then English. */
  outcomes?: string;
  isPublic?: boolean;
  /** Occurrences of one recurring plan share a series key. */
  series?: string;
  /** Institution codes (parties of the agreement). */
  organisers: string[];
  participants?: DemoParticipant[];
  counts?: DemoCount[];
}

const both = (vi: string, en: string) => `${vi}\n\n${en}`;

// Places
const HUST_C2 = 'Hội trường C2, Đại học Bách khoa Hà Nội, 1 Đại Cồ Việt, Hai Bà Trưng, Hà Nội';
const HUST_LIB = 'Thư viện Tạ Quang Bửu, Đại học Bách khoa Hà Nội, 1 Đại Cồ Việt, Hà Nội';
const HUST_SOICT = 'Trường Công nghệ Thông tin và Truyền thông, Đại học Bách khoa Hà Nội, 1 Đại Cồ Việt, Hà Nội';
const BMH = 'Bệnh viện Bạch Mai, 78 Giải Phóng, Đống Đa, Hà Nội';
const BMH_TRAINING = 'Trung tâm Đào tạo – Chỉ đạo tuyến, Bệnh viện Bạch Mai, 78 Giải Phóng, Đống Đa, Hà Nội';
const BMH_EQUIPMENT = 'Phòng Vật tư – Thiết bị y tế, Bệnh viện Bạch Mai, 78 Giải Phóng, Đống Đa, Hà Nội';
const HMU = 'Trường Đại học Y Hà Nội, 1 Tôn Thất Tùng, Đống Đa, Hà Nội';
const HMU_SKILLS = 'Trung tâm Đào tạo Kỹ năng Y khoa, Trường Đại học Y Hà Nội, 1 Tôn Thất Tùng, Đống Đa, Hà Nội';
const HMU_HOSPITAL = 'Bệnh viện Đại học Y Hà Nội, 1 Tôn Thất Tùng, Đống Đa, Hà Nội';
const VINMEC_TC = 'Bệnh viện Đa khoa Quốc tế Vinmec Times City, 458 Minh Khai, Hai Bà Trưng, Hà Nội';
const VINMEC_CP = 'Bệnh viện Đa khoa Quốc tế Vinmec Central Park, 208 Nguyễn Hữu Cảnh, Bình Thạnh, TP. Hồ Chí Minh';
const VINMEC_SC = 'Bệnh viện Đa khoa Quốc tế Vinmec Smart City, Tây Mỗ, Nam Từ Liêm, Hà Nội';
const VINUNI = 'Trường Đại học VinUni, Vinhomes Ocean Park, Gia Lâm, Hà Nội';
const VNU = 'Đại học Quốc gia Hà Nội, 144 Xuân Thủy, Cầu Giấy, Hà Nội';
const VNU_UET = 'Trường Đại học Công nghệ, Đại học Quốc gia Hà Nội, 144 Xuân Thủy, Cầu Giấy, Hà Nội';
const VNUHCM = 'Đại học Quốc gia Thành phố Hồ Chí Minh, Khu đô thị ĐHQG-HCM, Thủ Đức, TP. Hồ Chí Minh';
const HCMUT = 'Trường Đại học Bách khoa, ĐHQG-HCM, 268 Lý Thường Kiệt, Quận 10, TP. Hồ Chí Minh';
const HNUE_TESTING = 'Trung tâm Khảo thí, Trường Đại học Sư phạm Hà Nội, 136 Xuân Thủy, Cầu Giấy, Hà Nội';
const HNUE = 'Trường Đại học Sư phạm Hà Nội, 136 Xuân Thủy, Cầu Giấy, Hà Nội';
const RUMED = 'Trường Đại học Y khoa (Nga, dữ liệu mẫu)';
const ONLINE = 'Trực tuyến (Microsoft Teams)';

// ---------------------------------------------------------------------------------------------------
// Seed 003 — HUST + Bach Mai Hospital (MoU of 2 October 2025)
// ---------------------------------------------------------------------------------------------------

const hustBmh: DemoActivity[] = [
  {
    key: 'hust-bmh-ai-seminar-2025',
    agreement: 'hust-bmh-mou',
    area: 'research',
    kind: 'seminar',
    status: 'done',
    titleVi: 'Tọa đàm Trí tuệ nhân tạo và dữ liệu lớn trong y học',
    titleEn: 'Seminar on artificial intelligence and big data in medicine',
    descriptionVi: 'Tọa đàm đầu tiên sau lễ ký Biên bản ghi nhớ: các nhóm nghiên cứu hai bên giới thiệu năng lực và bài toán ưu tiên.',
    descriptionEn: 'The first seminar after the MoU signing: research groups of both parties present their capacity and priority problems.',
    start: '2025-11-06',
    place: BMH_TRAINING,
    outcomes: both(
      'Xác định 5 bài toán ưu tiên (đọc phim X-quang ngực, in 3D dẫn hướng phẫu thuật, dự báo nhập viện, robot phục hồi chức năng, kho dữ liệu lớn).',
      'Five priority problems identified (chest X-ray reading, 3D-printed surgical guides, admission forecasting, rehabilitation robots, the big data repository).',
    ),
    organisers: ['BMH', 'HUST'],
    participants: [
      { person: 'coordinator@hust.demo.hoptac.vn', role: 'researcher' },
      { person: 'nam.le@hust.demo.hoptac.vn', role: 'researcher' },
      { person: 'nghia.quan@bmh.demo.hoptac.vn', role: 'staff' },
      { person: 'thinh.hoang@bmh.demo.hoptac.vn', role: 'expert' },
    ],
    counts: [
      { institution: 'HUST', role: 'researcher', count: 25 },
      { institution: 'BMH', role: 'staff', count: 60 },
    ],
  },
  {
    key: 'hust-bmh-curriculum-workshop',
    agreement: 'hust-bmh-mou',
    area: 'training',
    kind: 'workshop',
    status: 'done',
    titleVi: 'Hội thảo xây dựng chương trình Kỹ thuật Y sinh và Công nghệ Thực phẩm (Dinh dưỡng và Sức khỏe)',
    titleEn: 'Workshop on the Biomedical Engineering and Food Technology (Nutrition and Health) curricula',
    start: '2025-11-18',
    place: HUST_C2,
    outcomes: both(
      'Thống nhất 6 học phần có giảng viên Bệnh viện Bạch Mai tham gia giảng dạy từ học kỳ 2 năm học 2025–2026.',
      'Agreed on 6 courses co-taught by Bach Mai Hospital clinicians from the second semester of 2025–2026.',
    ),
    organisers: ['HUST'],
    participants: [
      { person: 'lecturer@hust.demo.hoptac.vn', role: 'lecturer' },
      { person: 'ha.dang@hust.demo.hoptac.vn', role: 'lecturer' },
      { person: 'giang.vi@bmh.demo.hoptac.vn', role: 'expert' },
      { person: 'viet.tran@bmh.demo.hoptac.vn', role: 'expert' },
    ],
    counts: [
      { institution: 'HUST', role: 'lecturer', count: 12 },
      { institution: 'BMH', role: 'expert', count: 8 },
    ],
  },
  {
    key: 'hust-bmh-ai-course-1',
    agreement: 'hust-bmh-mou',
    area: 'training',
    kind: 'training_course',
    status: 'done',
    titleVi: 'Khóa tập huấn ứng dụng AI trong thực hành lâm sàng và quản trị bệnh viện (khóa 1)',
    titleEn: 'Training course on AI in clinical practice and hospital management (cohort 1)',
    descriptionVi: 'Năm buổi học gồm lý thuyết và thực hành trên dữ liệu ẩn danh, dành cho bác sĩ và cán bộ quản lý của Bệnh viện Bạch Mai.',
    descriptionEn: 'Five sessions of lectures and hands-on work on anonymised data, for Bach Mai Hospital physicians and managers.',
    start: '2025-12-08',
    end: '2025-12-12',
    place: HUST_SOICT,
    outcomes: both('24 cán bộ Bạch Mai hoàn thành khóa học và nhận chứng chỉ.', '24 Bach Mai staff completed the course and received certificates.'),
    organisers: ['HUST'],
    participants: [
      { person: 'coordinator@hust.demo.hoptac.vn', role: 'lecturer' },
      { person: 'nam.le@hust.demo.hoptac.vn', role: 'lecturer' },
      { person: 'thinh.hoang@bmh.demo.hoptac.vn', role: 'staff' },
      { person: 'khoi.le@bmh.demo.hoptac.vn', role: 'staff' },
    ],
    counts: [{ institution: 'BMH', role: 'staff', count: 22 }],
  },
  {
    key: 'hust-bmh-teaching-basic-sciences',
    agreement: 'hust-bmh-mou',
    area: 'training',
    kind: 'lecturer_exchange',
    status: 'done',
    titleVi: 'Giảng viên Bách khoa giảng dạy khoa học cơ bản tại Trường Cao đẳng Y tế Bạch Mai',
    titleEn: 'HUST lecturers teach basic sciences at Bach Mai Medical College',
    start: '2026-02-23',
    end: '2026-05-29',
    place: 'Trường Cao đẳng Y tế Bạch Mai, 78 Giải Phóng, Đống Đa, Hà Nội',
    outcomes: both(
      'Hai học phần Vật lý y sinh và Sinh học phân tử được giảng dạy cho 180 sinh viên cao đẳng.',
      'Two courses, Biophysics and Molecular Biology, taught to 180 college students.',
    ),
    organisers: ['HUST', 'BMH'],
    participants: [
      { person: 'cuong.bui@hust.demo.hoptac.vn', role: 'lecturer' },
      { person: 'tuan.ngo@hust.demo.hoptac.vn', role: 'lecturer' },
      { person: 'le.doan@bmh.demo.hoptac.vn', role: 'staff' },
    ],
  },
  {
    key: 'hust-bmh-first-aid-2026',
    agreement: 'hust-bmh-mou',
    area: 'training',
    kind: 'training_course',
    status: 'done',
    titleVi: 'Tập huấn sơ cấp cứu cơ bản cho cán bộ và sinh viên Bách khoa',
    titleEn: 'Basic first-aid training for HUST staff and students',
    start: '2026-03-14',
    place: HUST_C2,
    outcomes: both(
      'Cán bộ và sinh viên thực hành hồi sinh tim phổi và xử trí dị vật đường thở trên mô hình.',
      'Staff and students practised CPR and airway obstruction management on manikins.',
    ),
    organisers: ['BMH', 'HUST'],
    participants: [
      { person: 'thinh.hoang@bmh.demo.hoptac.vn', role: 'expert' },
      { person: 'nhung.tran@hust.demo.hoptac.vn', role: 'staff' },
    ],
    counts: [
      { institution: 'HUST', role: 'staff', count: 12 },
      { institution: 'HUST', role: 'student', count: 24 },
    ],
  },
  {
    key: 'hust-bmh-food-safety-visit',
    agreement: 'hust-bmh-mou',
    area: 'internship',
    kind: 'visit',
    status: 'done',
    titleVi: 'Tham quan kiến tập An toàn thực phẩm tại Trung tâm Dinh dưỡng lâm sàng',
    titleEn: 'Observational visit on food safety at the Clinical Nutrition Center',
    start: '2026-04-17',
    place: 'Trung tâm Dinh dưỡng lâm sàng, Bệnh viện Bạch Mai, 78 Giải Phóng, Đống Đa, Hà Nội',
    outcomes: both(
      'Sinh viên ngành Dinh dưỡng quan sát quy trình kiểm soát an toàn thực phẩm của bếp bệnh viện.',
      'Nutrition students observed the hospital kitchen’s food safety control procedures.',
    ),
    organisers: ['BMH'],
    participants: [
      { person: 'giang.vi@bmh.demo.hoptac.vn', role: 'expert' },
      { person: 'ha.dang@hust.demo.hoptac.vn', role: 'lecturer' },
    ],
    counts: [{ institution: 'HUST', role: 'student', count: 35 }],
  },
  {
    key: 'hust-bmh-robotics-seminar',
    agreement: 'hust-bmh-mou',
    area: 'research',
    kind: 'seminar',
    status: 'done',
    titleVi: 'Hội thảo Robot trong thực hành y khoa',
    titleEn: 'Seminar on robotics in medical practice',
    start: '2026-05-21',
    place: HUST_LIB,
    isPublic: true,
    organisers: ['HUST', 'BMH'],
    participants: [
      { person: 'anh.hoang@hust.demo.hoptac.vn', role: 'researcher' },
      { person: 'sang.kim@bmh.demo.hoptac.vn', role: 'expert' },
    ],
    counts: [
      { institution: 'HUST', role: 'student', count: 80 },
      { institution: 'HUST', role: 'lecturer', count: 15 },
      { institution: 'BMH', role: 'expert', count: 20 },
    ],
  },
  {
    key: 'hust-bmh-health-center-course',
    agreement: 'hust-bmh-mou',
    area: 'training',
    kind: 'training_course',
    status: 'done',
    titleVi: 'Đào tạo nâng cao chuyên môn cho cán bộ Trạm Y tế Đại học Bách khoa Hà Nội',
    titleEn: 'Advanced professional training for the staff of the HUST Health Center',
    start: '2026-06-15',
    end: '2026-06-19',
    place: BMH_TRAINING,
    organisers: ['BMH', 'HUST'],
    participants: [
      { person: 'nhung.tran@hust.demo.hoptac.vn', role: 'staff' },
      { person: 'binh.do@bmh.demo.hoptac.vn', role: 'expert' },
    ],
    counts: [{ institution: 'HUST', role: 'staff', count: 6 }],
  },
  {
    key: 'hust-bmh-3d-printing-seminar',
    agreement: 'hust-bmh-mou',
    area: 'research',
    kind: 'seminar',
    status: 'cancelled',
    titleVi: 'Tọa đàm in 3D sinh học trong phục hồi chức năng',
    titleEn: 'Seminar on 3D bioprinting in rehabilitation',
    start: '2026-07-16',
    place: BMH,
    outcomes: both('Hủy do trùng đợt cao điểm tiếp nhận người bệnh; nội dung chuyển vào sinh hoạt học thuật định kỳ.', 'Cancelled: it clashed with a peak in patient admissions; the topic moves to the regular academic meetings.'),
    organisers: ['BMH'],
  },
  {
    key: 'hust-bmh-icu-observation',
    agreement: 'hust-bmh-mou',
    area: 'internship',
    kind: 'visit',
    status: 'cancelled',
    titleVi: 'Kiến tập tại Đơn vị Hồi sức tích cực tim mạch',
    titleEn: 'Observation visit to the Cardiac Intensive Care Unit',
    start: '2026-07-10',
    place: BMH,
    outcomes: both('Hủy theo đề nghị của bệnh viện để bảo đảm kiểm soát nhiễm khuẩn.', 'Cancelled at the hospital’s request for infection control.'),
    organisers: ['BMH'],
  },
  {
    key: 'hust-bmh-internship-summer-2026',
    agreement: 'hust-bmh-mou',
    area: 'internship',
    kind: 'internship',
    status: 'done',
    titleVi: 'Thực tập của sinh viên Kỹ thuật Y sinh tại Bệnh viện Bạch Mai (đợt hè 2026)',
    titleEn: 'Biomedical Engineering student internships at Bach Mai Hospital (summer 2026)',
    descriptionVi: 'Sinh viên thực tập vận hành, kiểm định và bảo trì trang thiết bị y tế dưới sự hướng dẫn của kỹ sư bệnh viện.',
    descriptionEn: 'Students practise operating, testing and maintaining medical equipment under the hospital’s engineers.',
    start: '2026-06-29',
    end: '2026-08-07',
    place: BMH_EQUIPMENT,
    outcomes: both('18 sinh viên hoàn thành thực tập, 4 đề tài đồ án tốt nghiệp được đồng hướng dẫn.', '18 students completed the internship; 4 graduation theses are co-supervised.'),
    organisers: ['BMH', 'HUST'],
    participants: [
      { person: 'student@hust.demo.hoptac.vn', role: 'student' },
      { person: 'lecturer@hust.demo.hoptac.vn', role: 'lecturer' },
      { person: 'toan.ninh@bmh.demo.hoptac.vn', role: 'staff' },
    ],
    counts: [{ institution: 'HUST', role: 'student', count: 17 }],
  },
  {
    key: 'hust-bmh-clinicians-teach',
    agreement: 'hust-bmh-mou',
    area: 'training',
    kind: 'lecturer_exchange',
    status: 'done',
    titleVi: 'Bác sĩ Bạch Mai đồng giảng dạy học phần Thiết bị y tế trong lâm sàng',
    titleEn: 'Bach Mai clinicians co-teach the course Medical Equipment in Clinical Practice',
    start: '2026-09-07',
    end: '2026-11-20',
    place: HUST_C2,
    organisers: ['BMH', 'HUST'],
    participants: [
      { person: 'viet.tran@bmh.demo.hoptac.vn', role: 'expert' },
      { person: 'sang.kim@bmh.demo.hoptac.vn', role: 'expert' },
      { person: 'lecturer@hust.demo.hoptac.vn', role: 'lecturer' },
    ],
  },
  {
    key: 'hust-bmh-internship-autumn-2026',
    agreement: 'hust-bmh-mou',
    area: 'internship',
    kind: 'internship',
    status: 'done',
    titleVi: 'Thực tập của sinh viên Kỹ thuật Y sinh tại Bệnh viện Bạch Mai (đợt thu 2026)',
    titleEn: 'Biomedical Engineering student internships at Bach Mai Hospital (autumn 2026)',
    start: '2026-09-14',
    end: '2026-10-23',
    place: BMH_EQUIPMENT,
    outcomes: both('16 sinh viên hoàn thành thực tập.', '16 students completed the internship.'),
    organisers: ['BMH', 'HUST'],
    participants: [
      { person: 'anh.hoang@hust.demo.hoptac.vn', role: 'lecturer' },
      { person: 'toan.ninh@bmh.demo.hoptac.vn', role: 'staff' },
    ],
    counts: [{ institution: 'HUST', role: 'student', count: 16 }],
  },
  {
    key: 'hust-bmh-project-3d-guides',
    agreement: 'hust-bmh-mou',
    area: 'research',
    kind: 'joint_project',
    status: 'done',
    titleVi: 'Dự án chung: in 3D mô hình giải phẫu và dẫn hướng phẫu thuật (giai đoạn 1)',
    titleEn: 'Joint project: 3D-printed anatomical models and surgical guides (phase 1)',
    start: '2026-01-05',
    end: '2026-10-30',
    place: 'Phòng thí nghiệm In 3D, Trường Vật lý Kỹ thuật, Đại học Bách khoa Hà Nội',
    outcomes: both(
      'Hoàn thành 12 mô hình giải phẫu in 3D dùng trong đào tạo và 3 bộ dẫn hướng phẫu thuật chỉnh hình được thử nghiệm lâm sàng.',
      '12 3D-printed anatomical models for training and 3 orthopaedic surgical guides tried in the clinic.',
    ),
    organisers: ['HUST', 'BMH'],
    participants: [
      { person: 'cuong.bui@hust.demo.hoptac.vn', role: 'researcher' },
      { person: 'coordinator@hust.demo.hoptac.vn', role: 'researcher' },
      { person: 'sang.kim@bmh.demo.hoptac.vn', role: 'researcher' },
      { person: 'viet.tran@bmh.demo.hoptac.vn', role: 'researcher' },
    ],
  },
  {
    key: 'hust-bmh-project-ai-xray',
    agreement: 'hust-bmh-mou',
    area: 'research',
    kind: 'joint_project',
    status: 'done',
    titleVi: 'Dự án chung: AI hỗ trợ đọc phim X-quang ngực',
    titleEn: 'Joint project: AI-assisted chest X-ray reading',
    start: '2026-03-02',
    end: '2026-09-30',
    place: BMH,
    outcomes: both(
      'Mô hình được huấn luyện trên 40.000 phim ẩn danh; độ nhạy 92% với tổn thương phổi trên tập kiểm thử.',
      'A model trained on 40,000 anonymised images; 92% sensitivity for lung lesions on the test set.',
    ),
    organisers: ['HUST', 'BMH'],
    participants: [
      { person: 'coordinator@hust.demo.hoptac.vn', role: 'researcher' },
      { person: 'nam.le@hust.demo.hoptac.vn', role: 'researcher' },
      { person: 'khoi.le@bmh.demo.hoptac.vn', role: 'researcher' },
      { person: 'nghia.quan@bmh.demo.hoptac.vn', role: 'staff' },
    ],
  },
  {
    key: 'hust-bmh-publication-xray',
    agreement: 'hust-bmh-mou',
    area: 'research',
    kind: 'joint_publication',
    status: 'done',
    titleVi: 'Bài báo chung: Phân đoạn tổn thương phổi trên X-quang ngực bằng học sâu',
    titleEn: 'Joint paper: Deep-learning segmentation of lung lesions on chest X-rays',
    start: '2026-08-20',
    place: 'Tạp chí Y học Việt Nam',
    organisers: ['HUST', 'BMH'],
    participants: [
      { person: 'coordinator@hust.demo.hoptac.vn', role: 'researcher' },
      { person: 'nam.le@hust.demo.hoptac.vn', role: 'researcher' },
      { person: 'khoi.le@bmh.demo.hoptac.vn', role: 'researcher' },
    ],
  },
  {
    key: 'hust-bmh-health-checks',
    agreement: 'hust-bmh-mou',
    area: 'services',
    kind: 'community',
    status: 'done',
    titleVi: 'Khám sức khỏe và tư vấn dinh dưỡng cho sinh viên Bách khoa',
    titleEn: 'Health checks and nutrition counselling for HUST students',
    start: '2026-09-26',
    place: 'Sân vận động Bách khoa, 1 Đại Cồ Việt, Hà Nội',
    isPublic: true,
    organisers: ['BMH', 'HUST'],
    counts: [
      { institution: 'HUST', role: 'student', count: 420 },
      { institution: 'BMH', role: 'staff', count: 18 },
    ],
  },
  {
    key: 'hust-bmh-one-year-review',
    agreement: 'hust-bmh-mou',
    area: 'services',
    kind: 'visit',
    status: 'done',
    titleVi: 'Buổi làm việc sơ kết một năm thực hiện Biên bản ghi nhớ',
    titleEn: 'Working session reviewing the first year of the MoU',
    start: '2026-10-02',
    place: BMH,
    outcomes: both(
      'Hai bên đánh giá tiến độ theo từng lĩnh vực; thống nhất bổ sung khóa tập huấn AI thứ hai trong tháng 12 và đẩy nhanh công bố chung.',
      'The parties reviewed progress area by area and agreed on a second AI course in December and faster joint publishing.',
    ),
    organisers: ['HUST', 'BMH'],
    participants: [
      { person: 'officer@hust.demo.hoptac.vn', role: 'staff' },
      { person: 'officer@bachmai.demo.hoptac.vn', role: 'staff' },
      { person: 'coordinator@hust.demo.hoptac.vn', role: 'researcher' },
      { person: 'nghia.quan@bmh.demo.hoptac.vn', role: 'staff' },
    ],
    counts: [
      { institution: 'HUST', role: 'staff', count: 6 },
      { institution: 'BMH', role: 'staff', count: 8 },
    ],
  },
  {
    key: 'hust-bmh-ai-course-2',
    agreement: 'hust-bmh-mou',
    area: 'training',
    kind: 'training_course',
    status: 'planned',
    titleVi: 'Khóa tập huấn ứng dụng AI trong thực hành lâm sàng và quản trị bệnh viện (khóa 2)',
    titleEn: 'Training course on AI in clinical practice and hospital management (cohort 2)',
    start: '2026-12-07',
    end: '2026-12-11',
    place: HUST_SOICT,
    organisers: ['HUST'],
    participants: [{ person: 'coordinator@hust.demo.hoptac.vn', role: 'lecturer' }],
    counts: [{ institution: 'BMH', role: 'staff', count: 25 }],
  },
  ...(['2026-12-17', '2027-01-21', '2027-02-18', '2027-03-18'] as const).map(
    (date, i): DemoActivity => ({
      key: `hust-bmh-journal-club-${i + 1}`,
      agreement: 'hust-bmh-mou',
      area: 'research',
      kind: 'seminar',
      status: 'planned',
      titleVi: 'Sinh hoạt học thuật định kỳ: AI và dữ liệu lớn trong y học',
      titleEn: 'Regular academic meeting: AI and big data in medicine',
      start: date,
      place: ONLINE,
      online: true,
      series: 'hust-bmh-journal-club',
      organisers: ['HUST', 'BMH'],
    }),
  ),
  {
    key: 'hust-bmh-project-big-data',
    agreement: 'hust-bmh-mou',
    area: 'research',
    kind: 'joint_project',
    status: 'planned',
    titleVi: 'Dự án chung: nền tảng dữ liệu lớn y học (giai đoạn chuẩn bị)',
    titleEn: 'Joint project: a medical big data platform (preparatory phase)',
    start: '2027-01-11',
    end: '2027-06-30',
    place: BMH,
    organisers: ['BMH', 'HUST'],
    participants: [
      { person: 'nghia.quan@bmh.demo.hoptac.vn', role: 'staff' },
      { person: 'coordinator@hust.demo.hoptac.vn', role: 'researcher' },
    ],
  },
  {
    key: 'hust-bmh-publication-3d',
    agreement: 'hust-bmh-mou',
    area: 'research',
    kind: 'joint_publication',
    status: 'planned',
    titleVi: 'Bài báo chung (đang phản biện): Dẫn hướng phẫu thuật in 3D trong chấn thương chỉnh hình',
    titleEn: 'Joint paper (under review): 3D-printed surgical guides in orthopaedic trauma',
    start: '2027-02-15',
    place: 'Tạp chí Nghiên cứu Y học',
    organisers: ['HUST', 'BMH'],
  },
  {
    key: 'hust-bmh-internship-spring-2027',
    agreement: 'hust-bmh-mou',
    area: 'internship',
    kind: 'internship',
    status: 'planned',
    titleVi: 'Thực tập của sinh viên Kỹ thuật Y sinh tại Bệnh viện Bạch Mai (đợt xuân 2027)',
    titleEn: 'Biomedical Engineering student internships at Bach Mai Hospital (spring 2027)',
    start: '2027-02-22',
    end: '2027-04-02',
    place: BMH_EQUIPMENT,
    organisers: ['BMH', 'HUST'],
    counts: [{ institution: 'HUST', role: 'student', count: 10 }],
  },
];

// ---------------------------------------------------------------------------------------------------
// Seed 000 — HMU + Vinmec + VinUni
// ---------------------------------------------------------------------------------------------------

const HVV = 'hmu-vinmec-vinuni';

const hmuVinmecVinuni: DemoActivity[] = [
  {
    key: 'hvv-launch-forum',
    agreement: HVV,
    area: 'events',
    kind: 'forum',
    status: 'done',
    titleVi: 'Diễn đàn "Hệ sinh thái y tế chuẩn quốc tế tại Việt Nam"',
    titleEn: 'Forum "An international-standard healthcare ecosystem in Vietnam"',
    start: '2025-11-15',
    place: HMU,
    isPublic: true,
    outcomes: both('Ra mắt cơ chế điều phối ba bên và danh sách đầu mối từng lĩnh vực.', 'The three-party coordination mechanism and the points of contact per area were launched.'),
    organisers: ['HMU', 'VINMEC', 'VINUNI'],
    participants: [
      { person: 'officer@hmu.demo.hoptac.vn', role: 'staff' },
      { person: 'officer@vinmec.demo.hoptac.vn', role: 'staff' },
      { person: 'officer@vinuni.demo.hoptac.vn', role: 'staff' },
    ],
    counts: [
      { institution: 'HMU', role: 'lecturer', count: 60 },
      { institution: 'HMU', role: 'student', count: 150 },
      { institution: 'VINMEC', role: 'staff', count: 40 },
      { institution: 'VINUNI', role: 'lecturer', count: 25 },
      { institution: 'VINUNI', role: 'student', count: 70 },
    ],
  },
  {
    key: 'hvv-sim-tot',
    agreement: HVV,
    area: 'training',
    kind: 'training_course',
    status: 'done',
    titleVi: 'Khóa đào tạo giảng viên mô phỏng y khoa (TOT)',
    titleEn: 'Medical simulation instructor course (TOT)',
    start: '2025-11-24',
    end: '2025-11-28',
    place: HMU_SKILLS,
    organisers: ['HMU'],
    participants: [
      { person: 'hanh.kieu@hmu.demo.hoptac.vn', role: 'lecturer' },
      { person: 'hien.la@vinmec.demo.hoptac.vn', role: 'staff' },
      { person: 'hoa.khuc@vinuni.demo.hoptac.vn', role: 'lecturer' },
    ],
    counts: [
      { institution: 'VINMEC', role: 'staff', count: 8 },
      { institution: 'VINUNI', role: 'lecturer', count: 4 },
    ],
  },
  {
    key: 'hvv-materials-workshop',
    agreement: HVV,
    area: 'training',
    kind: 'workshop',
    status: 'done',
    titleVi: 'Hội thảo xây dựng tài liệu đào tạo dùng chung',
    titleEn: 'Workshop on shared training materials',
    start: '2025-12-15',
    place: HMU,
    outcomes: both('Phân công biên soạn 8 bộ tài liệu kỹ năng lâm sàng song ngữ.', 'Authors assigned for 8 bilingual clinical skills handbooks.'),
    organisers: ['HMU', 'VINMEC', 'VINUNI'],
    participants: [
      { person: 'hanh.kieu@hmu.demo.hoptac.vn', role: 'lecturer' },
      { person: 'hien.la@vinmec.demo.hoptac.vn', role: 'staff' },
      { person: 'ngan.quach@vinuni.demo.hoptac.vn', role: 'lecturer' },
    ],
  },
  {
    key: 'hvv-rotation-2026-1',
    agreement: HVV,
    area: 'internship',
    kind: 'internship',
    status: 'done',
    titleVi: 'Luân phiên thực tập lâm sàng tại Vinmec Times City (đợt 1/2026)',
    titleEn: 'Clinical rotation at Vinmec Times City (round 1, 2026)',
    start: '2026-01-05',
    end: '2026-02-27',
    place: VINMEC_TC,
    organisers: ['VINMEC'],
    participants: [{ person: 'thuong.nguyen@vinmec.demo.hoptac.vn', role: 'staff' }],
    counts: [
      { institution: 'HMU', role: 'student', count: 32 },
      { institution: 'VINUNI', role: 'student', count: 14 },
    ],
  },
  {
    key: 'hvv-acls-course',
    agreement: HVV,
    area: 'training',
    kind: 'training_course',
    status: 'done',
    titleVi: 'Khóa hồi sinh tim phổi nâng cao (ACLS)',
    titleEn: 'Advanced cardiovascular life support course (ACLS)',
    start: '2026-01-12',
    end: '2026-01-14',
    place: VINMEC_TC,
    organisers: ['VINMEC'],
    participants: [
      { person: 'thuong.nguyen@vinmec.demo.hoptac.vn', role: 'expert' },
      { person: 'tam.ha@hmu.demo.hoptac.vn', role: 'lecturer' },
    ],
    counts: [
      { institution: 'HMU', role: 'lecturer', count: 10 },
      { institution: 'VINUNI', role: 'lecturer', count: 6 },
    ],
  },
  {
    key: 'hvv-project-sepsis',
    agreement: HVV,
    area: 'research',
    kind: 'joint_project',
    status: 'done',
    titleVi: 'Nhóm nghiên cứu chung: AI cảnh báo sớm nhiễm khuẩn huyết',
    titleEn: 'Joint research group: AI early warning of sepsis',
    start: '2026-01-15',
    end: '2026-10-30',
    place: VINUNI,
    outcomes: both('Mô hình cảnh báo chạy thử tại khoa Hồi sức Vinmec Times City.', 'The warning model is piloted in the Vinmec Times City intensive care unit.'),
    organisers: ['VINUNI', 'VINMEC', 'HMU'],
    participants: [
      { person: 'khanh.dong@vinuni.demo.hoptac.vn', role: 'researcher' },
      { person: 'hai.tong@vinmec.demo.hoptac.vn', role: 'researcher' },
      { person: 'tam.ha@hmu.demo.hoptac.vn', role: 'researcher' },
    ],
  },
  {
    key: 'hvv-lecturers-at-vinmec',
    agreement: HVV,
    area: 'exchange',
    kind: 'lecturer_exchange',
    status: 'done',
    titleVi: 'Giảng viên Đại học Y Hà Nội giảng dạy lâm sàng tại Vinmec',
    titleEn: 'Hanoi Medical University lecturers teach on the wards at Vinmec',
    start: '2026-02-02',
    end: '2026-04-24',
    place: VINMEC_TC,
    organisers: ['VINMEC', 'HMU'],
    participants: [
      { person: 'ngoc.nguyen@hmu.demo.hoptac.vn', role: 'lecturer' },
      { person: 'bao.ly@hmu.demo.hoptac.vn', role: 'lecturer' },
      { person: 'tam.ha@hmu.demo.hoptac.vn', role: 'lecturer' },
    ],
    counts: [{ institution: 'HMU', role: 'lecturer', count: 4 }],
  },
  {
    key: 'hvv-clinical-teaching-course',
    agreement: HVV,
    area: 'training',
    kind: 'training_course',
    status: 'done',
    titleVi: 'Phương pháp giảng dạy lâm sàng cho bác sĩ hướng dẫn',
    titleEn: 'Clinical teaching methods for supervising physicians',
    start: '2026-03-09',
    end: '2026-03-13',
    place: VINUNI,
    organisers: ['VINUNI', 'HMU'],
    participants: [
      { person: 'ngan.quach@vinuni.demo.hoptac.vn', role: 'lecturer' },
      { person: 'hanh.kieu@hmu.demo.hoptac.vn', role: 'lecturer' },
    ],
    counts: [{ institution: 'VINMEC', role: 'expert', count: 14 }],
  },
  {
    key: 'hvv-rotation-2026-2',
    agreement: HVV,
    area: 'internship',
    kind: 'internship',
    status: 'done',
    titleVi: 'Luân phiên thực tập lâm sàng tại Vinmec Times City (đợt 2/2026)',
    titleEn: 'Clinical rotation at Vinmec Times City (round 2, 2026)',
    start: '2026-03-09',
    end: '2026-05-01',
    place: VINMEC_TC,
    organisers: ['VINMEC'],
    participants: [{ person: 'thuong.nguyen@vinmec.demo.hoptac.vn', role: 'staff' }],
    counts: [
      { institution: 'HMU', role: 'student', count: 30 },
      { institution: 'VINUNI', role: 'student', count: 16 },
    ],
  },
  {
    key: 'hvv-publication-1',
    agreement: HVV,
    area: 'research',
    kind: 'joint_publication',
    status: 'done',
    titleVi: 'Bài báo chung: Đặc điểm nhiễm khuẩn huyết tại hai bệnh viện tuyến cuối ở Hà Nội',
    titleEn: 'Joint paper: Sepsis characteristics in two tertiary hospitals in Hanoi',
    start: '2026-03-20',
    place: 'Tạp chí Nghiên cứu Y học',
    organisers: ['HMU', 'VINMEC'],
    participants: [
      { person: 'tam.ha@hmu.demo.hoptac.vn', role: 'researcher' },
      { person: 'thuong.nguyen@vinmec.demo.hoptac.vn', role: 'researcher' },
    ],
  },
  {
    key: 'hvv-ai-health-conference',
    agreement: HVV,
    area: 'events',
    kind: 'conference',
    status: 'done',
    titleVi: 'Hội nghị khoa học "Trí tuệ nhân tạo trong y tế"',
    titleEn: 'Scientific conference "Artificial intelligence in healthcare"',
    start: '2026-03-28',
    place: VINUNI,
    isPublic: true,
    organisers: ['VINUNI', 'HMU', 'VINMEC'],
    participants: [
      { person: 'khanh.dong@vinuni.demo.hoptac.vn', role: 'researcher' },
      { person: 'phuc.doan@hmu.demo.hoptac.vn', role: 'researcher' },
      { person: 'tri.duong@vinmec.demo.hoptac.vn', role: 'researcher' },
    ],
    counts: [
      { institution: 'HMU', role: 'researcher', count: 45 },
      { institution: 'VINMEC', role: 'staff', count: 30 },
      { institution: 'VINUNI', role: 'student', count: 90 },
    ],
  },
  {
    key: 'hvv-project-rehab-robot',
    agreement: HVV,
    area: 'research',
    kind: 'joint_project',
    status: 'done',
    titleVi: 'Nhóm nghiên cứu chung: robot hỗ trợ phục hồi chức năng chi trên',
    titleEn: 'Joint research group: upper-limb rehabilitation robot',
    start: '2026-04-01',
    end: '2026-11-06',
    place: VINUNI,
    outcomes: both('Nguyên mẫu thứ nhất hoàn thành, thử nghiệm trên 10 người tình nguyện.', 'First prototype completed and tested with 10 volunteers.'),
    organisers: ['VINUNI', 'HMU', 'VINMEC'],
    participants: [
      { person: 'vinh.trieu@vinuni.demo.hoptac.vn', role: 'researcher' },
      { person: 'bao.ly@hmu.demo.hoptac.vn', role: 'researcher' },
      { person: 'hai.tong@vinmec.demo.hoptac.vn', role: 'researcher' },
    ],
  },
  {
    key: 'hvv-vinmec-experts-at-hmu',
    agreement: HVV,
    area: 'exchange',
    kind: 'lecturer_exchange',
    status: 'done',
    titleVi: 'Chuyên gia Vinmec tham gia giảng dạy tại Trường Đại học Y Hà Nội',
    titleEn: 'Vinmec experts teach at Hanoi Medical University',
    start: '2026-04-06',
    end: '2026-06-26',
    place: HMU,
    organisers: ['HMU', 'VINMEC'],
    participants: [
      { person: 'quang.ton@vinmec.demo.hoptac.vn', role: 'expert' },
      { person: 'yen.phung@vinmec.demo.hoptac.vn', role: 'expert' },
      { person: 'loc.chau@vinmec.demo.hoptac.vn', role: 'expert' },
    ],
  },
  {
    key: 'hvv-career-day',
    agreement: HVV,
    area: 'events',
    kind: 'career_event',
    status: 'done',
    titleVi: 'Ngày hội việc làm và hướng nghiệp ngành y',
    titleEn: 'Healthcare careers and jobs day',
    start: '2026-04-25',
    place: VINMEC_TC,
    organisers: ['VINMEC', 'HMU', 'VINUNI'],
    counts: [
      { institution: 'HMU', role: 'student', count: 320 },
      { institution: 'VINUNI', role: 'student', count: 110 },
      { institution: 'VINMEC', role: 'staff', count: 25 },
    ],
  },
  {
    key: 'hvv-pocus-course',
    agreement: HVV,
    area: 'training',
    kind: 'training_course',
    status: 'done',
    titleVi: 'Khóa đào tạo siêu âm tại giường (POCUS)',
    titleEn: 'Point-of-care ultrasound course (POCUS)',
    start: '2026-05-18',
    end: '2026-05-22',
    place: VINMEC_TC,
    organisers: ['VINMEC'],
    participants: [
      { person: 'yen.phung@vinmec.demo.hoptac.vn', role: 'expert' },
      { person: 'quang.ton@vinmec.demo.hoptac.vn', role: 'expert' },
    ],
    counts: [
      { institution: 'HMU', role: 'lecturer', count: 8 },
      { institution: 'VINUNI', role: 'lecturer', count: 6 },
    ],
  },
  {
    key: 'hvv-rotation-2026-3',
    agreement: HVV,
    area: 'internship',
    kind: 'internship',
    status: 'done',
    titleVi: 'Luân phiên thực tập lâm sàng hè tại Vinmec Central Park',
    titleEn: 'Summer clinical rotation at Vinmec Central Park',
    start: '2026-06-01',
    end: '2026-07-24',
    place: VINMEC_CP,
    organisers: ['VINMEC'],
    participants: [{ person: 'loc.chau@vinmec.demo.hoptac.vn', role: 'staff' }],
    counts: [
      { institution: 'HMU', role: 'student', count: 18 },
      { institution: 'VINUNI', role: 'student', count: 12 },
    ],
  },
  {
    key: 'hvv-publication-2',
    agreement: HVV,
    area: 'research',
    kind: 'joint_publication',
    status: 'done',
    titleVi: 'Bài báo chung: Học sâu dự báo nhiễm khuẩn huyết từ dữ liệu hồ sơ bệnh án điện tử',
    titleEn: 'Joint paper: Deep learning for sepsis prediction from electronic health records',
    start: '2026-06-12',
    place: 'Hội nghị quốc tế IEEE về Kỹ thuật Y sinh (trực tuyến)',
    organisers: ['VINUNI', 'VINMEC'],
    participants: [
      { person: 'khanh.dong@vinuni.demo.hoptac.vn', role: 'researcher' },
      { person: 'hai.tong@vinmec.demo.hoptac.vn', role: 'researcher' },
    ],
  },
  {
    key: 'hvv-student-forum',
    agreement: HVV,
    area: 'events',
    kind: 'forum',
    status: 'done',
    titleVi: 'Diễn đàn sinh viên y khoa: học tập và nghiên cứu trong kỷ nguyên số',
    titleEn: 'Medical students’ forum: learning and research in the digital era',
    start: '2026-06-20',
    place: VINUNI,
    organisers: ['VINUNI', 'HMU'],
    counts: [
      { institution: 'HMU', role: 'student', count: 120 },
      { institution: 'VINUNI', role: 'student', count: 85 },
    ],
  },
  {
    key: 'hvv-research-methods-course',
    agreement: HVV,
    area: 'training',
    kind: 'training_course',
    status: 'done',
    titleVi: 'Khóa phương pháp nghiên cứu khoa học và thống kê y sinh',
    titleEn: 'Course on research methods and biostatistics',
    start: '2026-07-20',
    end: '2026-07-24',
    place: VINUNI,
    organisers: ['VINUNI'],
    participants: [
      { person: 'khanh.dong@vinuni.demo.hoptac.vn', role: 'lecturer' },
      { person: 'phuc.doan@hmu.demo.hoptac.vn', role: 'lecturer' },
    ],
    counts: [
      { institution: 'VINMEC', role: 'staff', count: 10 },
      { institution: 'HMU', role: 'researcher', count: 2 },
    ],
  },
  {
    key: 'hvv-smart-city-rotation',
    agreement: HVV,
    area: 'internship',
    kind: 'internship',
    status: 'cancelled',
    titleVi: 'Luân phiên thực tập lâm sàng tại Vinmec Smart City',
    titleEn: 'Clinical rotation at Vinmec Smart City',
    start: '2026-08-03',
    end: '2026-09-25',
    place: VINMEC_SC,
    outcomes: both('Hủy: cơ sở chưa bố trí đủ bác sĩ hướng dẫn; sinh viên chuyển sang đợt 4 tại Times City.', 'Cancelled: not enough supervising physicians yet; the students moved to round 4 at Times City.'),
    organisers: ['VINMEC'],
  },
  {
    key: 'hvv-community-screening',
    agreement: HVV,
    area: 'events',
    kind: 'community',
    status: 'done',
    titleVi: 'Khám sàng lọc tim mạch miễn phí cho người dân huyện Gia Lâm',
    titleEn: 'Free cardiovascular screening for residents of Gia Lâm district',
    start: '2026-08-15',
    place: 'Trung tâm Y tế huyện Gia Lâm, Hà Nội',
    isPublic: true,
    outcomes: both('Khám sàng lọc cho 640 người dân; 38 trường hợp được chuyển khám chuyên sâu.', '640 residents screened; 38 referred for specialist examination.'),
    organisers: ['VINMEC', 'VINUNI', 'HMU'],
    counts: [
      { institution: 'VINMEC', role: 'staff', count: 22 },
      { institution: 'VINUNI', role: 'student', count: 30 },
      { institution: 'HMU', role: 'student', count: 24 },
    ],
  },
  {
    key: 'hvv-publication-3',
    agreement: HVV,
    area: 'research',
    kind: 'joint_publication',
    status: 'done',
    titleVi: 'Bài báo chung: Thiết kế robot phục hồi chức năng chi trên giá thành thấp',
    titleEn: 'Joint paper: A low-cost upper-limb rehabilitation robot',
    start: '2026-09-04',
    place: 'Tạp chí Khoa học và Công nghệ Việt Nam',
    organisers: ['VINUNI', 'HMU'],
    participants: [
      { person: 'vinh.trieu@vinuni.demo.hoptac.vn', role: 'researcher' },
      { person: 'bao.ly@hmu.demo.hoptac.vn', role: 'researcher' },
    ],
  },
  {
    key: 'hvv-rotation-2026-4',
    agreement: HVV,
    area: 'internship',
    kind: 'internship',
    status: 'done',
    titleVi: 'Luân phiên thực tập lâm sàng tại Vinmec Times City (đợt 4/2026)',
    titleEn: 'Clinical rotation at Vinmec Times City (round 4, 2026)',
    start: '2026-09-07',
    end: '2026-10-30',
    place: VINMEC_TC,
    organisers: ['VINMEC'],
    participants: [{ person: 'thuong.nguyen@vinmec.demo.hoptac.vn', role: 'staff' }],
    counts: [
      { institution: 'HMU', role: 'student', count: 38 },
      { institution: 'VINUNI', role: 'student', count: 18 },
    ],
  },
  {
    key: 'hvv-vinuni-hmu-lecturers',
    agreement: HVV,
    area: 'exchange',
    kind: 'lecturer_exchange',
    status: 'done',
    titleVi: 'Trao đổi giảng viên giữa VinUni và Trường Đại học Y Hà Nội (học kỳ thu 2026)',
    titleEn: 'Lecturer exchange between VinUni and Hanoi Medical University (autumn 2026)',
    start: '2026-09-07',
    end: '2026-11-13',
    place: VINUNI,
    organisers: ['VINUNI', 'HMU'],
    participants: [
      { person: 'ngan.quach@vinuni.demo.hoptac.vn', role: 'lecturer' },
      { person: 'hoa.khuc@vinuni.demo.hoptac.vn', role: 'lecturer' },
      { person: 'ngoc.nguyen@hmu.demo.hoptac.vn', role: 'lecturer' },
    ],
    counts: [
      { institution: 'VINUNI', role: 'lecturer', count: 3 },
      { institution: 'HMU', role: 'lecturer', count: 2 },
    ],
  },
  {
    key: 'hvv-icu-nursing-course',
    agreement: HVV,
    area: 'training',
    kind: 'training_course',
    status: 'done',
    titleVi: 'Khóa đào tạo điều dưỡng hồi sức tích cực',
    titleEn: 'Intensive care nursing course',
    start: '2026-10-05',
    end: '2026-10-09',
    place: VINMEC_TC,
    organisers: ['VINMEC', 'VINUNI'],
    participants: [
      { person: 'hoa.khuc@vinuni.demo.hoptac.vn', role: 'lecturer' },
      { person: 'lien.vo@vinmec.demo.hoptac.vn', role: 'staff' },
    ],
    counts: [
      { institution: 'HMU', role: 'staff', count: 8 },
      { institution: 'VINUNI', role: 'student', count: 3 },
    ],
  },
  {
    key: 'hvv-scientific-seminar',
    agreement: HVV,
    area: 'events',
    kind: 'seminar',
    status: 'done',
    titleVi: 'Hội thảo khoa học ba bên: tế bào gốc và công nghệ gen trong điều trị',
    titleEn: 'Three-party scientific seminar: stem cells and gene technology in therapy',
    start: '2026-10-24',
    place: VINMEC_TC,
    organisers: ['VINMEC', 'HMU', 'VINUNI'],
    participants: [
      { person: 'tri.duong@vinmec.demo.hoptac.vn', role: 'researcher' },
      { person: 'ngoc.nguyen@hmu.demo.hoptac.vn', role: 'researcher' },
    ],
    counts: [
      { institution: 'HMU', role: 'researcher', count: 35 },
      { institution: 'VINMEC', role: 'researcher', count: 20 },
      { institution: 'VINUNI', role: 'researcher', count: 12 },
    ],
  },
  {
    key: 'hvv-publication-4',
    agreement: HVV,
    area: 'research',
    kind: 'joint_publication',
    status: 'done',
    titleVi: 'Bài báo chung: Giáo dục y khoa dựa trên mô phỏng tại Việt Nam — tổng quan hệ thống',
    titleEn: 'Joint paper: Simulation-based medical education in Vietnam — a systematic review',
    start: '2026-11-10',
    place: 'Tạp chí Giáo dục Y học Việt Nam',
    organisers: ['HMU', 'VINUNI'],
    participants: [
      { person: 'hanh.kieu@hmu.demo.hoptac.vn', role: 'researcher' },
      { person: 'ngan.quach@vinuni.demo.hoptac.vn', role: 'researcher' },
    ],
  },
  {
    key: 'hvv-year-end-forum',
    agreement: HVV,
    area: 'events',
    kind: 'forum',
    status: 'planned',
    titleVi: 'Diễn đàn tổng kết năm hợp tác ba bên 2026',
    titleEn: 'Three-party cooperation year-end forum 2026',
    start: '2026-12-12',
    place: HMU,
    organisers: ['HMU', 'VINMEC', 'VINUNI'],
  },
  {
    key: 'hvv-rotation-2027-1',
    agreement: HVV,
    area: 'internship',
    kind: 'internship',
    status: 'planned',
    titleVi: 'Luân phiên thực tập lâm sàng tại Vinmec Times City (đợt 1/2027)',
    titleEn: 'Clinical rotation at Vinmec Times City (round 1, 2027)',
    start: '2027-01-04',
    end: '2027-02-26',
    place: VINMEC_TC,
    organisers: ['VINMEC'],
    counts: [
      { institution: 'HMU', role: 'student', count: 35 },
      { institution: 'VINUNI', role: 'student', count: 15 },
    ],
  },
  {
    key: 'hvv-sim-tot-2',
    agreement: HVV,
    area: 'training',
    kind: 'training_course',
    status: 'planned',
    titleVi: 'Khóa đào tạo giảng viên mô phỏng y khoa (TOT, khóa 2)',
    titleEn: 'Medical simulation instructor course (TOT, cohort 2)',
    start: '2027-01-18',
    end: '2027-01-22',
    place: HMU_SKILLS,
    organisers: ['HMU'],
  },
  {
    key: 'hvv-project-genomics',
    agreement: HVV,
    area: 'research',
    kind: 'joint_project',
    status: 'planned',
    titleVi: 'Nhóm nghiên cứu chung: dữ liệu lớn hệ gen người Việt',
    titleEn: 'Joint research group: big data of Vietnamese genomes',
    start: '2027-02-01',
    end: '2027-12-31',
    place: VINMEC_TC,
    organisers: ['VINMEC', 'HMU', 'VINUNI'],
  },
];

// ---------------------------------------------------------------------------------------------------
// Seed 004 — VNU + VNU-HCM + HUST (Resolution 57-NQ/TW)
// ---------------------------------------------------------------------------------------------------

const NQ57 = 'vnu-vnuhcm-hust-nq57';
const ALL3 = ['VNU', 'VNUHCM', 'HUST'];

/** The joint publications of the research area: [date, title vi, title en, venue, author e-mails]. */
const NQ57_PAPERS: [string, string, string, string, string[]][] = [
  ['2025-07-15', 'Bộ tăng tốc suy luận mạng nơ-ron trên FPGA công suất thấp', 'A low-power FPGA accelerator for neural network inference', 'IEEE Access', ['khang.pham@vnu.demo.hoptac.vn', 'thach.chau@vnuhcm.demo.hoptac.vn']],
  ['2025-08-28', 'Phát hiện xâm nhập trong mạng IoT bằng học liên kết', 'Federated learning for intrusion detection in IoT networks', 'Hội nghị KSE 2025', ['huy.lam@vnuhcm.demo.hoptac.vn', 'nam.le@hust.demo.hoptac.vn']],
  ['2025-10-10', 'Thiết kế bộ xử lý RISC-V cho thiết bị biên', 'A RISC-V processor design for edge devices', 'Tạp chí Khoa học ĐHQGHN', ['tien.ho@vnu.demo.hoptac.vn', 'thanh.vu@hust.demo.hoptac.vn']],
  ['2025-11-20', 'Vật liệu perovskite cho pin mặt trời hiệu suất cao', 'Perovskite materials for high-efficiency solar cells', 'Journal of Science: Advanced Materials and Devices', ['loan.be@vnu.demo.hoptac.vn', 'dung.diep@vnuhcm.demo.hoptac.vn']],
  ['2025-12-05', 'Mô hình ngôn ngữ lớn cho tiếng Việt chuyên ngành kỹ thuật', 'A large language model for technical Vietnamese', 'Hội nghị RIVF 2025', ['khang.pham@vnu.demo.hoptac.vn', 'nam.le@hust.demo.hoptac.vn']],
  ['2026-01-16', 'Ăng-ten mảng pha cho 5G băng tần milimet', 'Phased-array antennas for millimetre-wave 5G', 'REV Journal on Electronics and Communications', ['tien.ho@vnu.demo.hoptac.vn', 'loi.tang@vnuhcm.demo.hoptac.vn']],
  ['2026-02-20', 'Blockchain cho truy xuất nguồn gốc nông sản', 'Blockchain for agricultural product traceability', 'Tạp chí Phát triển Khoa học và Công nghệ', ['huy.lam@vnuhcm.demo.hoptac.vn', 'khang.pham@vnu.demo.hoptac.vn']],
  ['2026-03-13', 'Điều khiển robot di động bằng học tăng cường', 'Reinforcement learning control of mobile robots', 'Hội nghị ICCAIS 2026', ['anh.hoang@hust.demo.hoptac.vn', 'thach.chau@vnuhcm.demo.hoptac.vn']],
  ['2026-04-03', 'Mô phỏng mạch lượng tử trên bộ xử lý đồ họa', 'Simulating quantum circuits on GPUs', 'Communications in Physics', ['loan.be@vnu.demo.hoptac.vn', 'cuong.bui@hust.demo.hoptac.vn']],
  ['2026-04-24', 'Tối ưu năng lượng cho trung tâm dữ liệu xanh', 'Energy optimisation for green data centres', 'Tạp chí Khoa học và Công nghệ Việt Nam', ['loi.tang@vnuhcm.demo.hoptac.vn', 'thanh.vu@hust.demo.hoptac.vn']],
  ['2026-05-15', 'Chip nhận dạng giọng nói tiếng Việt công suất cực thấp', 'An ultra-low-power Vietnamese speech recognition chip', 'IEEE Transactions on Circuits and Systems II', ['thanh.vu@hust.demo.hoptac.vn', 'tien.ho@vnu.demo.hoptac.vn', 'thach.chau@vnuhcm.demo.hoptac.vn']],
  ['2026-06-05', 'Enzyme tái tổ hợp trong xử lý phụ phẩm nông nghiệp', 'Recombinant enzymes for agricultural by-product treatment', 'Vietnam Journal of Biotechnology', ['tuan.ngo@hust.demo.hoptac.vn', 'dung.diep@vnuhcm.demo.hoptac.vn']],
  ['2026-06-26', 'Đánh giá an ninh hệ thống điều khiển công nghiệp', 'Security assessment of industrial control systems', 'Hội nghị SoICT 2026', ['huy.lam@vnuhcm.demo.hoptac.vn', 'anh.hoang@hust.demo.hoptac.vn']],
  ['2026-07-17', 'Học máy dự báo phụ tải lưới điện', 'Machine learning for power grid load forecasting', 'Energies', ['loi.tang@vnuhcm.demo.hoptac.vn', 'anh.hoang@hust.demo.hoptac.vn']],
  ['2026-08-21', 'Cảm biến sinh học graphene phát hiện kháng nguyên', 'A graphene biosensor for antigen detection', 'Sensors and Actuators B', ['loan.be@vnu.demo.hoptac.vn', 'tuan.ngo@hust.demo.hoptac.vn']],
  ['2026-09-11', 'Nén mô hình học sâu cho thiết bị nhúng', 'Compressing deep learning models for embedded devices', 'Hội nghị ACIIDS 2026', ['nam.le@hust.demo.hoptac.vn', 'thach.chau@vnuhcm.demo.hoptac.vn']],
  ['2026-10-09', 'Kiến trúc mạng 6G định nghĩa bằng phần mềm', 'A software-defined architecture for 6G networks', 'IEEE Communications Letters', ['tien.ho@vnu.demo.hoptac.vn', 'loi.tang@vnuhcm.demo.hoptac.vn']],
  ['2026-11-06', 'Bộ dữ liệu chuẩn cho xử lý tiếng Việt nói', 'A benchmark dataset for spoken Vietnamese processing', 'Hội nghị VLSP 2026', ['khang.pham@vnu.demo.hoptac.vn', 'nam.le@hust.demo.hoptac.vn', 'huy.lam@vnuhcm.demo.hoptac.vn']],
];

const codeOfEmail = (email: string) => ({ 'vnu.demo.hoptac.vn': 'VNU', 'vnuhcm.demo.hoptac.vn': 'VNUHCM', 'hust.demo.hoptac.vn': 'HUST' })[email.split('@')[1]] ?? 'HUST';

const nq57: DemoActivity[] = [
  {
    key: 'nq57-business-forum-2025',
    agreement: NQ57,
    area: 'business',
    kind: 'forum',
    status: 'done',
    titleVi: 'Diễn đàn hợp tác đại học – doanh nghiệp về công nghệ chiến lược',
    titleEn: 'University–business forum on strategic technologies',
    start: '2025-05-20',
    place: HUST_C2,
    isPublic: true,
    outcomes: both('12 doanh nghiệp công nghệ đăng ký đặt hàng nghiên cứu với ba đại học.', '12 technology companies registered research requests with the three universities.'),
    organisers: ALL3,
    participants: [
      { person: 'officer@vnu.demo.hoptac.vn', role: 'staff' },
      { person: 'officer@vnuhcm.demo.hoptac.vn', role: 'staff' },
      { person: 'coordinator@hust.demo.hoptac.vn', role: 'researcher' },
    ],
    counts: [
      { institution: 'HUST', role: 'lecturer', count: 40 },
      { institution: 'VNU', role: 'lecturer', count: 25 },
      { institution: 'VNUHCM', role: 'lecturer', count: 15 },
    ],
  },
  {
    key: 'nq57-project-edge-ai-chip',
    agreement: NQ57,
    area: 'research',
    kind: 'joint_project',
    status: 'done',
    titleVi: 'Dự án chung: thiết kế chip AI biên cho thiết bị IoT',
    titleEn: 'Joint project: an edge-AI chip for IoT devices',
    start: '2025-06-02',
    end: '2026-10-30',
    place: VNU_UET,
    outcomes: both('Hoàn thành thiết kế và gửi chế tạo thử nghiệm (tape-out) mẫu chip 28 nm.', 'Design completed and a 28 nm test chip taped out.'),
    organisers: ALL3,
    participants: [
      { person: 'tien.ho@vnu.demo.hoptac.vn', role: 'researcher' },
      { person: 'thach.chau@vnuhcm.demo.hoptac.vn', role: 'researcher' },
      { person: 'thanh.vu@hust.demo.hoptac.vn', role: 'researcher' },
    ],
    counts: [{ institution: 'HUST', role: 'student', count: 6 }],
  },
  {
    key: 'nq57-postgraduate-workshop',
    agreement: NQ57,
    area: 'training',
    kind: 'workshop',
    status: 'done',
    titleVi: 'Hội thảo xây dựng chương trình đào tạo tiến sĩ liên kết ba đại học về vi mạch bán dẫn',
    titleEn: 'Workshop on a three-university joint PhD program in semiconductor design',
    start: '2025-07-10',
    place: VNU,
    outcomes: both('Thống nhất khung chương trình và cơ chế đồng hướng dẫn; đề xuất cấp bằng của cả ba đại học.', 'Program framework and co-supervision agreed; degrees from all three universities proposed.'),
    organisers: ALL3,
    participants: [
      { person: 'nam.vu@vnu.demo.hoptac.vn', role: 'staff' },
      { person: 'phat.man@vnuhcm.demo.hoptac.vn', role: 'staff' },
      { person: 'dat.phan@hust.demo.hoptac.vn', role: 'staff' },
    ],
  },
  {
    key: 'nq57-digital-library-workshop',
    agreement: NQ57,
    area: 'digital',
    kind: 'workshop',
    status: 'done',
    titleVi: 'Hội thảo chia sẻ cơ sở dữ liệu tài liệu số giữa ba đại học',
    titleEn: 'Workshop on sharing digital library databases among the three universities',
    start: '2025-08-21',
    place: ONLINE,
    online: true,
    outcomes: both('Thống nhất lộ trình liên thông tra cứu và chia sẻ quyền truy cập 4 cơ sở dữ liệu khoa học.', 'A roadmap for federated search and shared access to 4 scientific databases.'),
    organisers: ALL3,
    participants: [
      { person: 'huong.trinh@vnu.demo.hoptac.vn', role: 'staff' },
      { person: 'tram.son@vnuhcm.demo.hoptac.vn', role: 'staff' },
      { person: 'nam.le@hust.demo.hoptac.vn', role: 'lecturer' },
    ],
  },
  {
    key: 'nq57-onsite-study-2025-1',
    agreement: NQ57,
    area: 'exchange',
    kind: 'student_exchange',
    status: 'done',
    titleVi: '"Du học tại chỗ" học kỳ 1 năm học 2025–2026',
    titleEn: '"On-site study abroad", first semester 2025–2026',
    descriptionVi: 'Sinh viên học một học kỳ tại đại học đối tác; tín chỉ được công nhận theo thỏa thuận.',
    descriptionEn: 'Students spend a semester at a partner university; credits are recognised under the agreement.',
    start: '2025-09-08',
    end: '2026-01-16',
    place: VNUHCM,
    organisers: ALL3,
    counts: [
      { institution: 'HUST', role: 'student', count: 8 },
      { institution: 'VNU', role: 'student', count: 9 },
      { institution: 'VNUHCM', role: 'student', count: 6 },
    ],
  },
  {
    key: 'nq57-project-5g-security',
    agreement: NQ57,
    area: 'research',
    kind: 'joint_project',
    status: 'done',
    titleVi: 'Dự án chung: an ninh mạng cho hạ tầng 5G',
    titleEn: 'Joint project: cybersecurity for 5G infrastructure',
    start: '2025-09-15',
    end: '2026-09-15',
    place: 'Trường Đại học Công nghệ Thông tin, ĐHQG-HCM, Thủ Đức, TP. Hồ Chí Minh',
    organisers: ['VNUHCM', 'HUST'],
    participants: [
      { person: 'huy.lam@vnuhcm.demo.hoptac.vn', role: 'researcher' },
      { person: 'nam.le@hust.demo.hoptac.vn', role: 'researcher' },
    ],
  },
  {
    key: 'nq57-lecturers-to-hcm',
    agreement: NQ57,
    area: 'exchange',
    kind: 'lecturer_exchange',
    status: 'done',
    titleVi: 'Giảng viên Hà Nội giảng dạy tại Đại học Quốc gia TP. Hồ Chí Minh',
    titleEn: 'Hanoi lecturers teach at VNU Ho Chi Minh City',
    start: '2025-10-06',
    end: '2025-12-19',
    place: HCMUT,
    organisers: ['VNUHCM'],
    participants: [
      { person: 'khang.pham@vnu.demo.hoptac.vn', role: 'lecturer' },
      { person: 'thanh.vu@hust.demo.hoptac.vn', role: 'lecturer' },
      { person: 'thach.chau@vnuhcm.demo.hoptac.vn', role: 'staff' },
    ],
    counts: [
      { institution: 'VNU', role: 'lecturer', count: 2 },
      { institution: 'HUST', role: 'lecturer', count: 2 },
    ],
  },
  {
    key: 'nq57-semiconductor-workshop',
    agreement: NQ57,
    area: 'business',
    kind: 'workshop',
    status: 'done',
    titleVi: 'Hội thảo phát triển nhân lực vi mạch bán dẫn cùng doanh nghiệp',
    titleEn: 'Workshop with industry on semiconductor workforce development',
    start: '2025-11-12',
    place: HCMUT,
    organisers: ['VNUHCM', 'HUST'],
    counts: [
      { institution: 'VNUHCM', role: 'lecturer', count: 30 },
      { institution: 'HUST', role: 'lecturer', count: 12 },
      { institution: 'VNU', role: 'lecturer', count: 8 },
    ],
  },
  {
    key: 'nq57-onsite-study-2026-2',
    agreement: NQ57,
    area: 'exchange',
    kind: 'student_exchange',
    status: 'done',
    titleVi: '"Du học tại chỗ" học kỳ 2 năm học 2025–2026',
    titleEn: '"On-site study abroad", second semester 2025–2026',
    start: '2026-02-16',
    end: '2026-06-26',
    place: VNU,
    organisers: ALL3,
    counts: [
      { institution: 'HUST', role: 'student', count: 9 },
      { institution: 'VNU', role: 'student', count: 8 },
      { institution: 'VNUHCM', role: 'student', count: 7 },
    ],
  },
  {
    key: 'nq57-lecturers-to-hanoi',
    agreement: NQ57,
    area: 'exchange',
    kind: 'lecturer_exchange',
    status: 'done',
    titleVi: 'Giảng viên ĐHQG-HCM giảng dạy tại Hà Nội',
    titleEn: 'VNU-HCM lecturers teach in Hanoi',
    start: '2026-03-02',
    end: '2026-05-22',
    place: HUST_SOICT,
    organisers: ['HUST', 'VNU'],
    participants: [
      { person: 'loi.tang@vnuhcm.demo.hoptac.vn', role: 'lecturer' },
      { person: 'huy.lam@vnuhcm.demo.hoptac.vn', role: 'lecturer' },
      { person: 'dung.diep@vnuhcm.demo.hoptac.vn', role: 'lecturer' },
      { person: 'tien.ho@vnu.demo.hoptac.vn', role: 'lecturer' },
    ],
    counts: [
      { institution: 'VNUHCM', role: 'lecturer', count: 3 },
      { institution: 'HUST', role: 'lecturer', count: 2 },
    ],
  },
  {
    key: 'nq57-project-blockchain',
    agreement: NQ57,
    area: 'research',
    kind: 'joint_project',
    status: 'cancelled',
    titleVi: 'Dự án chung: nền tảng blockchain cho văn bằng số',
    titleEn: 'Joint project: a blockchain platform for digital diplomas',
    start: '2026-03-16',
    end: '2026-12-31',
    place: VNU,
    outcomes: both('Hủy: nội dung được chuyển sang đề án đại học số dùng chung.', 'Cancelled: the work moved into the shared digital university scheme.'),
    organisers: ['VNU', 'HUST'],
  },
  {
    key: 'nq57-project-battery-materials',
    agreement: NQ57,
    area: 'research',
    kind: 'joint_project',
    status: 'done',
    titleVi: 'Dự án chung: vật liệu mới cho pin lithium thế hệ sau',
    titleEn: 'Joint project: new materials for next-generation lithium batteries',
    start: '2026-04-01',
    end: '2026-11-13',
    place: 'Trường Đại học Khoa học Tự nhiên, ĐHQGHN, 334 Nguyễn Trãi, Thanh Xuân, Hà Nội',
    organisers: ['VNU', 'VNUHCM'],
    participants: [
      { person: 'loan.be@vnu.demo.hoptac.vn', role: 'researcher' },
      { person: 'dung.diep@vnuhcm.demo.hoptac.vn', role: 'researcher' },
      { person: 'cuong.bui@hust.demo.hoptac.vn', role: 'researcher' },
    ],
  },
  {
    key: 'nq57-policy-seminar',
    agreement: NQ57,
    area: 'business',
    kind: 'seminar',
    status: 'done',
    titleVi: 'Tọa đàm đề xuất cơ chế chính sách đột phá theo Nghị quyết 57-NQ/TW',
    titleEn: 'Seminar proposing breakthrough policy mechanisms under Resolution 57-NQ/TW',
    start: '2026-06-05',
    place: VNU,
    outcomes: both('Gửi Bộ Giáo dục và Đào tạo bản kiến nghị 7 cơ chế về sở hữu trí tuệ và doanh nghiệp khởi nguồn.', 'Sent the Ministry of Education and Training 7 proposals on intellectual property and spin-offs.'),
    organisers: ALL3,
    participants: [
      { person: 'officer@vnu.demo.hoptac.vn', role: 'staff' },
      { person: 'officer@vnuhcm.demo.hoptac.vn', role: 'staff' },
      { person: 'officer@hust.demo.hoptac.vn', role: 'staff' },
    ],
    counts: [
      { institution: 'VNU', role: 'expert', count: 12 },
      { institution: 'VNUHCM', role: 'expert', count: 8 },
      { institution: 'HUST', role: 'expert', count: 10 },
    ],
  },
  {
    key: 'nq57-ai-summer-school',
    agreement: NQ57,
    area: 'training',
    kind: 'training_course',
    status: 'done',
    titleVi: 'Trường hè Trí tuệ nhân tạo và vi mạch cho nghiên cứu sinh',
    titleEn: 'Summer school on AI and chip design for doctoral students',
    start: '2026-07-13',
    end: '2026-07-24',
    place: HUST_SOICT,
    organisers: ['HUST'],
    participants: [
      { person: 'nam.le@hust.demo.hoptac.vn', role: 'lecturer' },
      { person: 'khang.pham@vnu.demo.hoptac.vn', role: 'lecturer' },
    ],
    counts: [
      { institution: 'HUST', role: 'student', count: 22 },
      { institution: 'VNU', role: 'student', count: 18 },
      { institution: 'VNUHCM', role: 'student', count: 12 },
    ],
  },
  ...NQ57_PAPERS.map(
    ([date, titleVi, titleEn, venue, authors], i): DemoActivity => ({
      key: `nq57-paper-${i + 1}`,
      agreement: NQ57,
      area: 'research',
      kind: 'joint_publication',
      status: 'done',
      titleVi: `Bài báo chung: ${titleVi}`,
      titleEn: `Joint paper: ${titleEn}`,
      start: date,
      place: venue,
      organisers: [...new Set(authors.map(codeOfEmail))],
      participants: authors.map((person) => ({ person, role: 'researcher' })),
    }),
  ),
  {
    key: 'nq57-innovation-day',
    agreement: NQ57,
    area: 'business',
    kind: 'forum',
    status: 'planned',
    titleVi: 'Ngày hội đổi mới sáng tạo và khởi nghiệp của ba đại học',
    titleEn: 'Three-university innovation and startup day',
    start: '2026-12-10',
    place: VNUHCM,
    isPublic: true,
    organisers: ALL3,
  },
  {
    key: 'nq57-project-smart-agriculture',
    agreement: NQ57,
    area: 'research',
    kind: 'joint_project',
    status: 'planned',
    titleVi: 'Dự án chung: IoT và AI cho nông nghiệp thông minh vùng Đồng bằng sông Cửu Long',
    titleEn: 'Joint project: IoT and AI for smart agriculture in the Mekong Delta',
    start: '2026-12-15',
    end: '2027-12-15',
    place: VNUHCM,
    organisers: ['VNUHCM', 'HUST'],
  },
  {
    key: 'nq57-onsite-study-2027-2',
    agreement: NQ57,
    area: 'exchange',
    kind: 'student_exchange',
    status: 'planned',
    titleVi: '"Du học tại chỗ" học kỳ 2 năm học 2026–2027',
    titleEn: '"On-site study abroad", second semester 2026–2027',
    start: '2027-02-15',
    end: '2027-06-25',
    place: HUST_C2,
    organisers: ALL3,
  },
];

// ---------------------------------------------------------------------------------------------------
// Seed 001 — HNUE + HMU: the working session of 13 January 2026 and what followed
// ---------------------------------------------------------------------------------------------------

const HNUE_HMU = 'hnue-hmu-strategic';

const hnueHmu: DemoActivity[] = [
  {
    key: 'hnue-hmu-working-session-2026-01-13',
    agreement: HNUE_HMU,
    area: 'admissions',
    kind: 'visit',
    status: 'done',
    titleVi: 'Buổi làm việc giữa lãnh đạo Trường Đại học Sư phạm Hà Nội và Trường Đại học Y Hà Nội',
    titleEn: 'Working session between the leaders of Hanoi National University of Education and Hanoi Medical University',
    descriptionVi:
      'Sáng 13/1/2026, tại Trường Đại học Y Hà Nội, lãnh đạo hai trường làm việc nhằm xây dựng và thúc đẩy hợp tác chiến lược ' +
      'toàn diện giữa hai trường đào tạo "hai người thầy": thầy giáo và thầy thuốc, trong bối cảnh triển khai các Nghị quyết ' +
      '57-NQ/TW, 71-NQ/TW và 72-NQ/TW. PGS.TS. Lê Đình Tùng phân tích sự cần thiết của một bài thi đánh giá năng lực chuyên biệt ' +
      'cho khối ngành sức khỏe và đánh giá cao cấu trúc của kỳ thi SPT, đặc biệt phần tự luận chiếm 30% tổng điểm.',
    descriptionEn:
      'On the morning of 13 January 2026, at Hanoi Medical University, the leaders of the two universities met to build and ' +
      'promote comprehensive strategic cooperation between the universities that train "the two masters": the teacher and the ' +
      'doctor, as Resolutions 57-NQ/TW, 71-NQ/TW and 72-NQ/TW are implemented. Assoc. Prof. Dr. Lê Đình Tùng analysed the need ' +
      'for a specialised competency assessment exam for the health sciences and praised the structure of the SPT, particularly ' +
      'its essay portion, 30% of the total score.',
    start: '2026-01-13',
    place: HMU,
    outcomes: both(
      'Hai bên thống nhất nghiên cứu sâu việc phối hợp sử dụng kết quả kỳ thi SPT trong tuyển sinh của Trường Đại học Y Hà Nội; ' +
        'hỗ trợ nhau bồi dưỡng năng lực về phương pháp giảng dạy, đo lường và đánh giá (ứng dụng CNTT, AI và mô phỏng); phối hợp ' +
        'nâng cao chất lượng các ngành Công tác xã hội và Tâm lý học. (Số trưởng đơn vị tham dự là dữ liệu mẫu.)',
      'The parties agreed to study in depth the coordinated use of SPT results in Hanoi Medical University admissions; to support ' +
        'each other in capacity building on teaching methodology, measurement and assessment (IT, AI and simulation); and to ' +
        'cooperate on the quality of the Social Work and Psychology programs. (The number of heads of units attending is sample data.)',
    ),
    organisers: ['HMU', 'HNUE'],
    participants: [
      { person: 'Nguyễn Hữu Tú', role: 'staff' },
      { person: 'Lê Đình Tùng', role: 'staff' },
      { person: 'Nguyễn Đức Sơn', role: 'staff' },
    ],
    counts: [
      { institution: 'HMU', role: 'staff', count: 12 },
      { institution: 'HNUE', role: 'staff', count: 10 },
    ],
  },
  {
    key: 'hnue-hmu-spt-session',
    agreement: HNUE_HMU,
    area: 'admissions',
    kind: 'visit',
    status: 'done',
    titleVi: 'Buổi làm việc về phổ điểm và cấu trúc kỳ thi SPT',
    titleEn: 'Working session on SPT score distributions and structure',
    start: '2026-03-24',
    place: HNUE_TESTING,
    outcomes: both(
      'Trung tâm Khảo thí chia sẻ phổ điểm SPT 2025 (ẩn danh); Phòng Đào tạo Đại học Y Hà Nội xây dựng phương án quy đổi thử nghiệm.',
      'The Testing Center shared the anonymised 2025 SPT score distributions; HMU’s Office of Undergraduate Education drafts a trial conversion.',
    ),
    organisers: ['HNUE', 'HMU'],
    participants: [
      { person: 'trung.luu@hnue.demo.hoptac.vn', role: 'expert' },
      { person: 'thu.hua@hnue.demo.hoptac.vn', role: 'expert' },
      { person: 'anh.lam@hmu.demo.hoptac.vn', role: 'staff' },
      { person: 'officer@hmu.demo.hoptac.vn', role: 'staff' },
    ],
  },
  {
    key: 'hnue-hmu-programs-session',
    agreement: HNUE_HMU,
    area: 'programs',
    kind: 'visit',
    status: 'cancelled',
    titleVi: 'Buổi làm việc về chương trình Công tác xã hội và Tâm lý học',
    titleEn: 'Working session on the Social Work and Psychology programs',
    start: '2026-05-12',
    place: HNUE,
    outcomes: both('Hoãn đến sau khi ký thỏa thuận.', 'Postponed until the agreement is signed.'),
    organisers: ['HNUE'],
  },
  {
    key: 'hnue-hmu-measurement-workshop',
    agreement: HNUE_HMU,
    area: 'measurement',
    kind: 'workshop',
    status: 'done',
    titleVi: 'Hội thảo chuyên đề: bài thi đánh giá năng lực chuyên biệt cho khối ngành sức khỏe',
    titleEn: 'Workshop: a specialised competency assessment exam for the health sciences',
    start: '2026-06-18',
    place: HMU,
    organisers: ['HMU', 'HNUE'],
    participants: [
      { person: 'thu.hua@hnue.demo.hoptac.vn', role: 'researcher' },
      { person: 'dinh.chu@hnue.demo.hoptac.vn', role: 'researcher' },
      { person: 'phuc.doan@hmu.demo.hoptac.vn', role: 'researcher' },
    ],
    counts: [
      { institution: 'HMU', role: 'lecturer', count: 18 },
      { institution: 'HNUE', role: 'lecturer', count: 9 },
    ],
  },
  {
    key: 'hnue-hmu-signing-session',
    agreement: HNUE_HMU,
    area: 'pedagogy',
    kind: 'visit',
    status: 'planned',
    titleVi: 'Buổi làm việc hoàn thiện nội dung và ký kết thỏa thuận hợp tác chiến lược',
    titleEn: 'Working session to finalise and sign the strategic cooperation agreement',
    start: '2026-12-16',
    place: HNUE,
    organisers: ['HNUE', 'HMU'],
  },
  {
    key: 'hnue-hmu-pedagogy-pilot',
    agreement: HNUE_HMU,
    area: 'pedagogy',
    kind: 'training_course',
    status: 'planned',
    titleVi: 'Khóa bồi dưỡng phương pháp giảng dạy và đánh giá cho giảng viên y khoa (thí điểm)',
    titleEn: 'Pilot course on teaching and assessment methods for medical lecturers',
    start: '2027-03-08',
    end: '2027-03-12',
    place: HNUE,
    organisers: ['HNUE'],
    counts: [{ institution: 'HMU', role: 'lecturer', count: 40 }],
  },
];

// ---------------------------------------------------------------------------------------------------
// Seed 002 — HMU + the Russian medical university (sample)
// ---------------------------------------------------------------------------------------------------

const hmuRumed: DemoActivity[] = [
  {
    key: 'rumed-delegation-2025',
    agreement: 'hmu-rumed',
    area: 'exchange',
    kind: 'visit',
    status: 'done',
    titleVi: 'Đoàn công tác trường đại học y của Nga thăm và làm việc tại Trường Đại học Y Hà Nội',
    titleEn: 'A delegation of the Russian medical university visits Hanoi Medical University',
    start: '2025-12-09',
    end: '2025-12-10',
    place: HMU,
    organisers: ['HMU'],
    participants: [
      { person: 'irina.sokolova@rumed.demo.hoptac.vn', role: 'staff' },
      { person: 'trang.pham@rumed.demo.hoptac.vn', role: 'staff' },
      { person: 'officer@hmu.demo.hoptac.vn', role: 'staff' },
    ],
  },
  {
    key: 'rumed-lecturers-in-hanoi',
    agreement: 'hmu-rumed',
    area: 'exchange',
    kind: 'lecturer_exchange',
    status: 'done',
    titleVi: 'Giảng viên Nga giảng dạy chuyên đề ngoại khoa và sinh lý học tại Hà Nội',
    titleEn: 'Russian lecturers teach surgery and physiology topics in Hanoi',
    start: '2026-04-13',
    end: '2026-04-24',
    place: HMU,
    organisers: ['HMU'],
    participants: [
      { person: 'dmitry.orlov@rumed.demo.hoptac.vn', role: 'lecturer' },
      { person: 'elena.kuznetsova@rumed.demo.hoptac.vn', role: 'lecturer' },
    ],
  },
  {
    key: 'rumed-summer-exchange',
    agreement: 'hmu-rumed',
    area: 'exchange',
    kind: 'student_exchange',
    status: 'done',
    titleVi: 'Trao đổi sinh viên hè 2026 tại Nga',
    titleEn: 'Summer 2026 student exchange in Russia',
    start: '2026-07-01',
    end: '2026-07-31',
    place: RUMED,
    organisers: ['RUMED'],
    participants: [{ person: 'trang.pham@rumed.demo.hoptac.vn', role: 'staff' }],
    counts: [{ institution: 'HMU', role: 'student', count: 6 }],
  },
  {
    key: 'rumed-clinical-summer',
    agreement: 'hmu-rumed',
    area: 'clinical',
    kind: 'internship',
    status: 'done',
    titleVi: 'Thực tập lâm sàng hè của sinh viên trường Nga tại Bệnh viện Đại học Y Hà Nội',
    titleEn: 'Summer clinical placements of the Russian university’s students at Hanoi Medical University Hospital',
    start: '2026-07-06',
    end: '2026-07-31',
    place: HMU_HOSPITAL,
    organisers: ['HMU'],
    participants: [{ person: 'tam.ha@hmu.demo.hoptac.vn', role: 'lecturer' }],
    counts: [{ institution: 'RUMED', role: 'student', count: 9 }],
  },
  {
    key: 'rumed-hmu-lecturers-in-russia',
    agreement: 'hmu-rumed',
    area: 'exchange',
    kind: 'lecturer_exchange',
    status: 'done',
    titleVi: 'Giảng viên Đại học Y Hà Nội trao đổi chuyên môn tại Nga',
    titleEn: 'Hanoi Medical University lecturers on exchange in Russia',
    start: '2026-10-05',
    end: '2026-10-16',
    place: RUMED,
    organisers: ['RUMED'],
    participants: [
      { person: 'bao.ly@hmu.demo.hoptac.vn', role: 'lecturer' },
      { person: 'khoa.vuong@hmu.demo.hoptac.vn', role: 'lecturer' },
    ],
  },
  {
    key: 'rumed-simulation-course',
    agreement: 'hmu-rumed',
    area: 'clinical',
    kind: 'training_course',
    status: 'done',
    titleVi: 'Khóa đào tạo kỹ năng lâm sàng trên mô phỏng',
    titleEn: 'Simulation-based clinical skills course',
    start: '2026-10-19',
    end: '2026-10-23',
    place: HMU_SKILLS,
    organisers: ['HMU', 'RUMED'],
    participants: [
      { person: 'sergei.volkov@rumed.demo.hoptac.vn', role: 'expert' },
      { person: 'hanh.kieu@hmu.demo.hoptac.vn', role: 'lecturer' },
    ],
    counts: [{ institution: 'HMU', role: 'lecturer', count: 12 }],
  },
  {
    key: 'rumed-parallel-program-info-day',
    agreement: 'hmu-rumed',
    area: 'training',
    kind: 'career_event',
    status: 'planned',
    titleVi: 'Ngày thông tin về chương trình đào tạo song song Việt – Nga',
    titleEn: 'Information day on the Vietnam–Russia parallel training program',
    start: '2027-03-20',
    place: HMU,
    organisers: ['HMU', 'RUMED'],
  },
];

// ---------------------------------------------------------------------------------------------------
// Invented agreements: the VinUni–HUST exchange (dormant), and two that ended
// ---------------------------------------------------------------------------------------------------

const vinuniHust: DemoActivity[] = [
  {
    key: 'vhx-students-fall-2024',
    agreement: 'vinuni-hust-exchange',
    area: 'exchange',
    kind: 'student_exchange',
    status: 'done',
    titleVi: 'Trao đổi sinh viên Khoa học Máy tính và Kỹ thuật Điện (học kỳ thu 2024)',
    titleEn: 'Computer Science and Electrical Engineering student exchange (fall 2024)',
    start: '2024-09-09',
    end: '2024-12-27',
    place: VINUNI,
    organisers: ['VINUNI', 'HUST'],
    counts: [
      { institution: 'HUST', role: 'student', count: 5 },
      { institution: 'VINUNI', role: 'student', count: 3 },
    ],
  },
  {
    key: 'vhx-lecturers-2024',
    agreement: 'vinuni-hust-exchange',
    area: 'exchange',
    kind: 'lecturer_exchange',
    status: 'done',
    titleVi: 'Trao đổi giảng viên: chuyên đề hệ thống nhúng và học máy',
    titleEn: 'Lecturer exchange: embedded systems and machine learning',
    start: '2024-11-04',
    end: '2024-11-15',
    place: HUST_SOICT,
    organisers: ['HUST'],
    participants: [
      { person: 'binh.luc@vinuni.demo.hoptac.vn', role: 'lecturer' },
      { person: 'hieu.mai@hust.demo.hoptac.vn', role: 'lecturer' },
    ],
  },
  {
    key: 'vhx-students-spring-2025',
    agreement: 'vinuni-hust-exchange',
    area: 'exchange',
    kind: 'student_exchange',
    status: 'done',
    titleVi: 'Trao đổi sinh viên Khoa học Máy tính và Kỹ thuật Điện (học kỳ xuân 2025)',
    titleEn: 'Computer Science and Electrical Engineering student exchange (spring 2025)',
    start: '2025-02-10',
    end: '2025-05-30',
    place: HUST_SOICT,
    organisers: ['HUST', 'VINUNI'],
    counts: [
      { institution: 'HUST', role: 'student', count: 4 },
      { institution: 'VINUNI', role: 'student', count: 2 },
    ],
  },
  {
    key: 'vhx-lecturers-2025',
    agreement: 'vinuni-hust-exchange',
    area: 'exchange',
    kind: 'lecturer_exchange',
    status: 'done',
    titleVi: 'Trao đổi giảng viên: điều khiển tự động và điện tử công suất',
    titleEn: 'Lecturer exchange: automatic control and power electronics',
    start: '2025-10-13',
    end: '2025-10-17',
    place: VINUNI,
    organisers: ['VINUNI'],
    participants: [
      { person: 'vinh.trieu@vinuni.demo.hoptac.vn', role: 'lecturer' },
      { person: 'anh.hoang@hust.demo.hoptac.vn', role: 'lecturer' },
    ],
  },
  {
    key: 'vhx-students-spring-2026',
    agreement: 'vinuni-hust-exchange',
    area: 'exchange',
    kind: 'student_exchange',
    status: 'cancelled',
    titleVi: 'Trao đổi sinh viên học kỳ xuân 2026',
    titleEn: 'Student exchange, spring 2026',
    start: '2026-02-09',
    end: '2026-05-29',
    place: VINUNI,
    outcomes: both('Hủy: hai bên chưa thống nhất bảng quy đổi tín chỉ cho chương trình mới.', 'Cancelled: the parties had not agreed on credit conversion for the new curriculum.'),
    organisers: ['VINUNI', 'HUST'],
  },
  {
    key: 'vhx-renewal-session',
    agreement: 'vinuni-hust-exchange',
    area: 'exchange',
    kind: 'visit',
    status: 'planned',
    titleVi: 'Buổi làm việc về việc gia hạn thỏa thuận trao đổi',
    titleEn: 'Working session on renewing the exchange agreement',
    start: '2026-12-08',
    place: VINUNI,
    organisers: ['VINUNI', 'HUST'],
  },
];

const ended: DemoActivity[] = [
  {
    key: 'nursing-practice-2024-autumn',
    agreement: 'hmu-bmh-nursing-2022',
    area: 'practice',
    kind: 'internship',
    status: 'done',
    titleVi: 'Thực hành lâm sàng điều dưỡng tại Bệnh viện Bạch Mai (học kỳ 1 năm học 2024–2025)',
    titleEn: 'Clinical nursing practice at Bach Mai Hospital (first semester 2024–2025)',
    start: '2024-09-09',
    end: '2024-11-29',
    place: BMH,
    organisers: ['BMH', 'HMU'],
    participants: [
      { person: 'trang.ta@hmu.demo.hoptac.vn', role: 'lecturer' },
      { person: 'huyen.nong@bmh.demo.hoptac.vn', role: 'staff' },
    ],
    counts: [{ institution: 'HMU', role: 'student', count: 31 }],
  },
  {
    key: 'nursing-practice-2025-spring',
    agreement: 'hmu-bmh-nursing-2022',
    area: 'practice',
    kind: 'internship',
    status: 'done',
    titleVi: 'Thực hành lâm sàng điều dưỡng tại Bệnh viện Bạch Mai (học kỳ 2 năm học 2024–2025)',
    titleEn: 'Clinical nursing practice at Bach Mai Hospital (second semester 2024–2025)',
    start: '2025-02-17',
    end: '2025-05-09',
    place: BMH,
    organisers: ['BMH', 'HMU'],
    participants: [{ person: 'trang.ta@hmu.demo.hoptac.vn', role: 'lecturer' }],
    counts: [{ institution: 'HMU', role: 'student', count: 27 }],
  },
  {
    key: 'chips-riscv-project',
    agreement: 'vnuhcm-hust-chips',
    area: 'chips',
    kind: 'joint_project',
    status: 'done',
    titleVi: 'Dự án chung: thiết kế lõi RISC-V công suất thấp',
    titleEn: 'Joint project: a low-power RISC-V core',
    start: '2024-10-01',
    end: '2025-05-30',
    place: HCMUT,
    organisers: ['VNUHCM', 'HUST'],
    participants: [
      { person: 'loi.tang@vnuhcm.demo.hoptac.vn', role: 'researcher' },
      { person: 'thanh.vu@hust.demo.hoptac.vn', role: 'researcher' },
    ],
  },
  {
    key: 'chips-design-workshop',
    agreement: 'vnuhcm-hust-chips',
    area: 'chips',
    kind: 'workshop',
    status: 'done',
    titleVi: 'Hội thảo thiết kế vi mạch cho sinh viên hai trường',
    titleEn: 'Chip design workshop for students of both universities',
    start: '2024-12-06',
    place: HCMUT,
    organisers: ['VNUHCM'],
    counts: [
      { institution: 'VNUHCM', role: 'student', count: 65 },
      { institution: 'HUST', role: 'student', count: 20 },
    ],
  },
];

export const demoActivities: DemoActivity[] = [...hustBmh, ...hmuVinmecVinuni, ...nq57, ...hnueHmu, ...hmuRumed, ...vinuniHust, ...ended];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks the demo activities against the demo agreements (final content) and the directory, by the rules the
 * activities service enforces: a known agreement and an area of its current content, dates in order and within the
 * agreement's period, done only when started by the demo's today (planned only after it), organisers and counted
 * institutions are parties, participants are people of a party (seen by the organisers: consortium-visible, or of
 * an organising institution), nobody named twice, no count below one. Returns the problems found.
 */
export function validateDemoActivities(
  activities: readonly DemoActivity[] = demoActivities,
  agreements: readonly DemoAgreement[] = demoAgreements,
  directory: DemoData = demoData,
): string[] {
  const problems: string[] = [];
  const byKey = new Map(agreements.map((a) => [a.key, a]));
  const people = new Map(directory.people.map((p) => [p.email ?? p.fullName, p]));
  const keys = new Set<string>();
  for (const a of activities) {
    const where = `activity ${a.key}`;
    if (keys.has(a.key)) problems.push(`${where}: duplicate key`);
    keys.add(a.key);
    const ag = byKey.get(a.agreement);
    if (!ag) {
      problems.push(`${where}: unknown agreement ${a.agreement}`);
      continue;
    }
    const content = ag.versions[ag.versions.length - 1].content;
    const parties = new Set(content.parties.map((p) => p.institution));
    if (!content.areas.some((ar) => ar.key === a.area)) problems.push(`${where}: no area ${a.area} in ${a.agreement}`);
    const end = a.end ?? a.start;
    if (!ISO_DATE.test(a.start) || !ISO_DATE.test(end)) problems.push(`${where}: bad date`);
    if (end < a.start) problems.push(`${where}: ends before it starts`);
    if (a.start < content.startDate || (content.endDate && end > content.endDate)) problems.push(`${where}: outside the agreement's period`);
    if (a.status === 'done' && a.start > ACTIVITIES_TODAY) problems.push(`${where}: done in the future`);
    if (a.status === 'planned' && a.start <= ACTIVITIES_TODAY) problems.push(`${where}: planned in the past`);
    if (!a.titleVi.trim() || !a.titleEn.trim() || a.titleVi.length > 300 || a.titleEn.length > 300) problems.push(`${where}: title missing or too long in a language`);
    if ((a.descriptionVi === undefined) !== (a.descriptionEn === undefined)) problems.push(`${where}: description in one language only`);
    if (!a.place.trim()) problems.push(`${where}: no place`);
    if (a.organisers.length === 0) problems.push(`${where}: no organiser`);
    if (new Set(a.organisers).size !== a.organisers.length) problems.push(`${where}: duplicate organiser`);
    for (const o of a.organisers) if (!parties.has(o)) problems.push(`${where}: organiser ${o} is not a party`);
    const named = new Set<string>();
    for (const p of a.participants ?? []) {
      const person = people.get(p.person);
      if (!person) problems.push(`${where}: unknown person ${p.person}`);
      else {
        if (!parties.has(person.institution)) problems.push(`${where}: ${p.person} is not of a party`);
        if (person.visibility !== 'consortium' && !a.organisers.includes(person.institution)) {
          problems.push(`${where}: ${p.person} is private to ${person.institution}, which does not organise it`);
        }
      }
      if (named.has(p.person)) problems.push(`${where}: ${p.person} named twice`);
      named.add(p.person);
    }
    const counted = new Set<string>();
    for (const c of a.counts ?? []) {
      if (!parties.has(c.institution)) problems.push(`${where}: counted institution ${c.institution} is not a party`);
      if (!Number.isInteger(c.count) || c.count < 1) problems.push(`${where}: count of ${c.institution}/${c.role} below one`);
      if (counted.has(`${c.institution}/${c.role}`)) problems.push(`${where}: ${c.institution}/${c.role} counted twice`);
      counted.add(`${c.institution}/${c.role}`);
    }
  }
  return problems;
}
