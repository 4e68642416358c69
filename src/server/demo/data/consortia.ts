// Consortia of the demo: one containing every demo institution, and the two multilateral alliances the
// seeds describe (seed 000: HMU + Vinmec + VinUni; seed 004: VNU + VNU-HCM + HUST, Resolution 57).

import type { DemoConsortium } from './index.ts';

export const demoConsortia: DemoConsortium[] = [
  {
    code: 'HOPTAC-DEMO',
    nameVi: 'Liên minh hợp tác hoptac (dữ liệu mẫu)',
    nameEn: 'hoptac demo consortium (sample data)',
    descriptionVi:
      'Liên minh mẫu đi kèm hoptac, dựng từ năm trường hợp hợp tác có thật: hợp tác ba bên giữa Trường Đại học Y Hà Nội, ' +
      'Hệ thống Y tế Vinmec và Trường Đại học VinUni; hợp tác chiến lược toàn diện giữa Trường Đại học Sư phạm Hà Nội và ' +
      'Trường Đại học Y Hà Nội (sử dụng kết quả kỳ thi SPT trong tuyển sinh, đo lường và đánh giá giáo dục); biên bản ghi nhớ ' +
      'ngày 2/10/2025 giữa Đại học Bách khoa Hà Nội và Bệnh viện Bạch Mai; thỏa thuận hợp tác giữa Đại học Quốc gia Hà Nội, ' +
      'Đại học Quốc gia Thành phố Hồ Chí Minh và Đại học Bách khoa Hà Nội theo Nghị quyết 57-NQ/TW; và hợp tác đào tạo nhân lực ' +
      'y tế Việt Nam – Nga. Các sự kiện lấy từ bài báo được giữ nguyên; người, số liệu hoạt động và trường đại học y của Nga ' +
      'là dữ liệu mẫu.',
    descriptionEn:
      'The sample consortium shipped with hoptac, built from five real cooperation cases: the trilateral cooperation of Hanoi ' +
      'Medical University, Vinmec Healthcare System and VinUniversity; the comprehensive strategic cooperation of Hanoi ' +
      'National University of Education and Hanoi Medical University (SPT results for admissions, educational measurement ' +
      'and assessment); the MoU of 2 October 2025 between Hanoi University of Science and Technology and Bach Mai Hospital; ' +
      'the cooperation agreement of Vietnam National University, Hanoi, Vietnam National University, Ho Chi Minh City and ' +
      'Hanoi University of Science and Technology under Resolution 57-NQ/TW; and a Vietnam–Russia partnership in medical ' +
      'training. Facts from the articles are kept as reported; people, activity figures and the Russian medical university ' +
      'are sample data.',
    members: ['HMU', 'VINMEC', 'VINUNI', 'HNUE', 'HUST', 'BMH', 'VNU', 'VNUHCM', 'RUMED'],
  },
  {
    code: 'HMU-VINMEC-VINUNI',
    nameVi: 'Liên minh y khoa Trường Đại học Y Hà Nội – Vinmec – VinUni',
    nameEn: 'Hanoi Medical University – Vinmec – VinUni medical alliance',
    descriptionVi:
      'Hợp tác ba bên trong giảng dạy, đào tạo, phát triển nguồn nhân lực và nghiên cứu khoa học: cùng xây dựng nội dung và ' +
      'tài liệu đào tạo, trao đổi giảng viên, chuyên gia và người học; cơ chế phối hợp nghiên cứu trong các lĩnh vực cùng quan ' +
      'tâm; hội thảo, diễn đàn, chương trình hỗ trợ sinh viên, hướng nghiệp, thực tập và hợp tác tuyển dụng. Thời gian tới, ba ' +
      'bên thúc đẩy các nhóm nghiên cứu chung về công nghệ y học hiện đại (AI, robot, dữ liệu lớn), mở rộng cơ hội thực tập lâm ' +
      'sàng tại các cơ sở đạt chuẩn quốc tế, tổ chức trao đổi học thuật, diễn đàn khoa học và hoạt động cộng đồng — hướng tới ' +
      'một hệ sinh thái y tế chuẩn quốc tế ngay tại Việt Nam.',
    descriptionEn:
      'Trilateral cooperation in teaching, training, human resource development and scientific research: jointly developed ' +
      'training content and materials; exchanges of lecturers, experts and learners; a mechanism to coordinate research in ' +
      'areas of common interest; seminars, forums, workshops, student support, career guidance, internships and recruitment ' +
      'cooperation. In the coming period the three parties promote joint research groups on modern medical technology (AI, ' +
      'robots, big data), expand clinical internship opportunities at internationally standard facilities, and organise ' +
      'academic exchanges, scientific forums and community activities — towards an international-standard healthcare ' +
      'ecosystem in Vietnam.',
    members: ['HMU', 'VINMEC', 'VINUNI'],
  },
  {
    code: 'NQ57',
    nameVi: 'Liên minh ba đại học thực hiện Nghị quyết 57-NQ/TW',
    nameEn: 'Three-university alliance for Resolution 57-NQ/TW',
    descriptionVi:
      'Thỏa thuận ký ngày 3/4/2025 giữa Đại học Quốc gia Hà Nội, Đại học Quốc gia Thành phố Hồ Chí Minh và Đại học Bách khoa ' +
      'Hà Nội về nghiên cứu, phát triển công nghệ chiến lược gắn với hợp tác doanh nghiệp theo Nghị quyết 57-NQ/TW: đào tạo ' +
      'nhân lực tài năng, nhất là sau đại học trong các lĩnh vực then chốt, mũi nhọn, hướng tới cơ chế cấp bằng của cả ba đại ' +
      'học; đánh giá, công nhận tín chỉ và tăng trao đổi sinh viên theo hình thức "du học tại chỗ"; trao đổi giảng viên, nhà ' +
      'nghiên cứu; các nhóm nghiên cứu liên ngành về trí tuệ nhân tạo, chip bán dẫn, an ninh mạng, blockchain, IoT, 5G/6G, ' +
      'năng lượng, robot và tự động hóa, công nghệ số, vật liệu mới, công nghệ sinh học, công nghệ lượng tử; phòng thí nghiệm ' +
      'dùng chung; chuyển đổi số trong giáo dục, mô hình đại học số dùng chung và hệ thống cơ sở dữ liệu tài liệu số.',
    descriptionEn:
      'Agreement signed on 3 April 2025 by Vietnam National University, Hanoi, Vietnam National University, Ho Chi Minh City ' +
      'and Hanoi University of Science and Technology on strategic technology research and development associated with ' +
      'business cooperation under Resolution 57-NQ/TW: high-quality talent training, especially postgraduate training in key ' +
      'and cutting-edge fields, towards degrees from all three universities; assessment and credit recognition and more ' +
      'student exchange as "on-site study abroad"; lecturer and researcher exchange; interdisciplinary research groups in ' +
      'artificial intelligence, semiconductor chips, cybersecurity, blockchain, IoT, 5G/6G, energy, robotics and automation, ' +
      'digital technology, new materials, biotechnology and quantum technology; shared laboratories; digital transformation ' +
      'in education, a shared digital university model and a digital document database.',
    members: ['VNU', 'VNUHCM', 'HUST'],
  },
];
