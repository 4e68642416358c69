// Demo delegations (đoàn vào / đoàn ra) under the seed agreements (issue 11 item 4). Pure data; ../delegations-loader.ts
// resolves codes, people, accounts and agreement keys, and loads every row with `is_sample = true`.
//
// The story as of the demo's today (27 November 2026):
//  - the Russian medical university's delegation to Hanoi Medical University, 9–10 December 2025 (under the
//    HMU–Russia agreement): approved, received and reported — its report is the activity `rumed-delegation-2025`
//    of the activities demo; its guests' personal data was erased 30 days after the visit (the rows stay, so the
//    number of guests does);
//  - HUST's working session at Bach Mai Hospital, 2 October 2026 (outgoing, under the HUST–Bach Mai MoU): done, its
//    report the activity `hust-bmh-one-year-review`;
//  - the Russian university's spring 2027 delegation to HMU: approved, guests' passports on file (the handling
//    office downloads the invitation letter and the residence notice);
//  - HMU's delegation to Russia in January 2027: submitted, waiting for HMU's leadership;
//  - HUST's delegation to Bach Mai on the big-data platform: a draft.
// Guests and their passports are invented (sample data); no seed names a guest.

export interface DemoGuest {
  fullName: string;
  title: string;
  gender: 'female' | 'male' | 'other';
  dateOfBirth: string;
  nationality: string;
  passportNumber: string;
  passportExpiry: string;
}
export interface DemoDelegation {
  key: string;
  /** `key` of the demo agreement. */
  agreement: string;
  area: string;
  direction: 'incoming' | 'outgoing';
  status: 'draft' | 'submitted' | 'approved' | 'rejected' | 'done' | 'cancelled';
  /** Handling institution and partner (codes). */
  institution: string;
  partner: string;
  titleVi: string;
  titleEn: string;
  purposeVi: string;
  purposeEn: string;
  start: string;
  end: string;
  budgetSource: 'institution' | 'partner' | 'project' | 'state' | 'sponsor' | 'other';
  budgetNote?: string;
  lodging?: string;
  /** E-mails of the handling institution's people. */
  members: { person: string; role: string }[];
  guests?: DemoGuest[];
  /** Guests' data erased (the visit is past the retention period). */
  erased?: boolean;
  programme?: { date: string; time: string; what: string; where: string }[];
  /** E-mail of the account that decided, and the comment. */
  decision?: { by: string; comment: string };
  outcomes?: string;
  /** Key of the demo activity the report became. */
  activity?: string;
}

export const demoDelegations: DemoDelegation[] = [
  {
    key: 'rumed-hmu-2025-12',
    agreement: 'hmu-rumed',
    area: 'exchange',
    direction: 'incoming',
    status: 'done',
    institution: 'HMU',
    partner: 'RUMED',
    titleVi: 'Đoàn công tác trường đại học y của Nga thăm và làm việc tại Trường Đại học Y Hà Nội',
    titleEn: 'A delegation of the Russian medical university visits Hanoi Medical University',
    purposeVi: 'Khởi động thỏa thuận hợp tác: thống nhất kế hoạch trao đổi giảng viên, sinh viên và thực tập lâm sàng năm 2026.',
    purposeEn: 'Start the cooperation agreement: agree the 2026 plan of lecturer and student exchanges and clinical placements.',
    start: '2025-12-09',
    end: '2025-12-10',
    budgetSource: 'institution',
    budgetNote: 'Kinh phí đón tiếp đoàn vào năm 2025 của Trường Đại học Y Hà Nội',
    lodging: 'Khách sạn Công Đoàn, 14 Trần Bình Trọng, Hoàn Kiếm, Hà Nội',
    members: [
      { person: 'officer@hmu.demo.hoptac.vn', role: 'Cán bộ đón tiếp' },
      { person: 'bao.ly@hmu.demo.hoptac.vn', role: 'Đầu mối đào tạo' },
    ],
    guests: [
      { fullName: 'Sample Guest One', title: '', gender: 'female', dateOfBirth: '1970-01-01', nationality: 'RU', passportNumber: 'SAMPLE0001', passportExpiry: '2030-01-01' },
      { fullName: 'Sample Guest Two', title: '', gender: 'male', dateOfBirth: '1975-01-01', nationality: 'RU', passportNumber: 'SAMPLE0002', passportExpiry: '2030-01-01' },
      { fullName: 'Sample Guest Three', title: '', gender: 'female', dateOfBirth: '1980-01-01', nationality: 'RU', passportNumber: 'SAMPLE0003', passportExpiry: '2030-01-01' },
      { fullName: 'Sample Guest Four', title: '', gender: 'male', dateOfBirth: '1985-01-01', nationality: 'RU', passportNumber: 'SAMPLE0004', passportExpiry: '2030-01-01' },
    ],
    erased: true,
    programme: [
      { date: '2025-12-09', time: '09:00', what: 'Làm việc với Ban Giám hiệu Trường Đại học Y Hà Nội', where: 'Phòng họp Hội đồng trường' },
      { date: '2025-12-09', time: '14:00', what: 'Thăm Trung tâm Đào tạo Kỹ năng Y khoa', where: 'Trung tâm Đào tạo Kỹ năng' },
      { date: '2025-12-10', time: '09:00', what: 'Thăm Bệnh viện Đại học Y Hà Nội', where: '1 Tôn Thất Tùng' },
    ],
    decision: { by: 'admin@hmu.demo.hoptac.vn', comment: 'Đồng ý đón đoàn.' },
    outcomes: 'Hai bên thống nhất kế hoạch trao đổi giảng viên, sinh viên và thực tập lâm sàng năm 2026.',
    activity: 'rumed-delegation-2025',
  },
  {
    key: 'hust-bmh-2026-10',
    agreement: 'hust-bmh-mou',
    area: 'services',
    direction: 'outgoing',
    status: 'done',
    institution: 'HUST',
    partner: 'BMH',
    titleVi: 'Đoàn Đại học Bách khoa Hà Nội làm việc tại Bệnh viện Bạch Mai: sơ kết một năm thực hiện Biên bản ghi nhớ',
    titleEn: 'HUST working session at Bach Mai Hospital: one year of the memorandum',
    purposeVi: 'Sơ kết một năm hợp tác, rà soát các đầu mối và kế hoạch năm 2027.',
    purposeEn: 'Review the first year of cooperation, the points of contact and the 2027 plan.',
    start: '2026-10-02',
    end: '2026-10-02',
    budgetSource: 'institution',
    members: [
      { person: 'officer@hust.demo.hoptac.vn', role: 'Trưởng đoàn' },
      { person: 'coordinator@hust.demo.hoptac.vn', role: 'Thành viên' },
    ],
    programme: [{ date: '2026-10-02', time: '09:00', what: 'Buổi làm việc sơ kết một năm', where: 'Bệnh viện Bạch Mai, 78 Giải Phóng' }],
    decision: { by: 'admin@hust.demo.hoptac.vn', comment: 'Đồng ý.' },
    outcomes: 'Hai bên đánh giá kết quả năm đầu và thống nhất kế hoạch hợp tác năm 2027.',
    activity: 'hust-bmh-one-year-review',
  },
  {
    key: 'rumed-hmu-2027-03',
    agreement: 'hmu-rumed',
    area: 'clinical',
    direction: 'incoming',
    status: 'approved',
    institution: 'HMU',
    partner: 'RUMED',
    titleVi: 'Đoàn giảng viên lâm sàng trường đại học y của Nga làm việc tại Trường Đại học Y Hà Nội',
    titleEn: 'Clinical lecturers of the Russian medical university at Hanoi Medical University',
    purposeVi: 'Thống nhất chương trình thực tập lâm sàng năm 2027 và giảng dạy chuyên đề ngoại khoa.',
    purposeEn: 'Agree the 2027 clinical placement programme and teach surgery topics.',
    start: '2027-03-15',
    end: '2027-03-19',
    budgetSource: 'partner',
    budgetNote: 'Phía Nga chi trả vé máy bay; Trường Đại học Y Hà Nội chi trả ăn ở.',
    lodging: 'Khách sạn Công Đoàn, 14 Trần Bình Trọng, Hoàn Kiếm, Hà Nội',
    members: [{ person: 'officer@hmu.demo.hoptac.vn', role: 'Cán bộ đón tiếp' }],
    guests: [
      { fullName: 'Sample Lecturer Alpha', title: 'GS., Trưởng Bộ môn (dữ liệu mẫu)', gender: 'male', dateOfBirth: '1968-03-02', nationality: 'RU', passportNumber: 'SAMPLE2701', passportExpiry: '2031-06-30' },
      { fullName: 'Sample Lecturer Beta', title: 'PGS. (dữ liệu mẫu)', gender: 'female', dateOfBirth: '1979-11-20', nationality: 'RU', passportNumber: 'SAMPLE2702', passportExpiry: '2029-12-31' },
      { fullName: 'Sample Interpreter Gamma', title: 'Phiên dịch (dữ liệu mẫu)', gender: 'female', dateOfBirth: '1990-07-08', nationality: 'RU', passportNumber: 'SAMPLE2703', passportExpiry: '2032-02-28' },
    ],
    programme: [
      { date: '2027-03-15', time: '09:00', what: 'Đón đoàn, làm việc với Phòng Hợp tác Quốc tế', where: 'Trường Đại học Y Hà Nội' },
      { date: '2027-03-16', time: '08:00', what: 'Giảng chuyên đề ngoại khoa', where: 'Bệnh viện Đại học Y Hà Nội' },
      { date: '2027-03-19', time: '10:00', what: 'Tổng kết, thống nhất chương trình thực tập lâm sàng 2027', where: 'Phòng họp Hội đồng trường' },
    ],
    decision: { by: 'admin@hmu.demo.hoptac.vn', comment: 'Đồng ý; đề nghị chuẩn bị thư mời sớm.' },
  },
  {
    key: 'hmu-rumed-2027-01',
    agreement: 'hmu-rumed',
    area: 'exchange',
    direction: 'outgoing',
    status: 'submitted',
    institution: 'HMU',
    partner: 'RUMED',
    titleVi: 'Đoàn Trường Đại học Y Hà Nội sang làm việc tại trường đại học y của Nga',
    titleEn: 'Hanoi Medical University delegation to the Russian medical university',
    purposeVi: 'Khảo sát điều kiện học tập cho sinh viên trao đổi và thăm Trung tâm Mô phỏng Y khoa.',
    purposeEn: 'Survey study conditions for exchange students and visit the Medical Simulation Center.',
    start: '2027-01-20',
    end: '2027-01-26',
    budgetSource: 'state',
    budgetNote: 'Đoàn ra theo kế hoạch năm 2027',
    members: [
      { person: 'bao.ly@hmu.demo.hoptac.vn', role: 'Trưởng đoàn' },
      { person: 'officer@hmu.demo.hoptac.vn', role: 'Thư ký đoàn' },
    ],
  },
  {
    key: 'hust-bmh-2027-01-draft',
    agreement: 'hust-bmh-mou',
    area: 'research',
    direction: 'outgoing',
    status: 'draft',
    institution: 'HUST',
    partner: 'BMH',
    titleVi: 'Đoàn Đại học Bách khoa Hà Nội làm việc về nền tảng dữ liệu lớn y sinh tại Bệnh viện Bạch Mai',
    titleEn: 'HUST delegation to Bach Mai Hospital on the biomedical big-data platform',
    purposeVi: 'Trao đổi về kho dữ liệu của bệnh viện và kế hoạch ứng dụng AI trong lâm sàng.',
    purposeEn: 'Discuss the hospital’s data repository and the plan for AI in clinical practice.',
    start: '2027-01-12',
    end: '2027-01-12',
    budgetSource: 'project',
    members: [{ person: 'ha.dang@hust.demo.hoptac.vn', role: 'Trưởng đoàn' }],
  },
];
