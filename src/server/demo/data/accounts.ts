// Demo login accounts. All are fictional; every account except the platform operator's belongs to a
// generated sample person (fromSeed: false) whose e-mail is the account's e-mail, and whose name is the
// account's display name. All share DEMO_PASSWORD.

import type { DemoAccount } from './index.ts';

export const DEMO_PASSWORD = 'hoptac-demo';

export const demoAccounts: DemoAccount[] = [
  // The platform operator has no person record; it is attached to HUST only because every account
  // needs an institution.
  {
    email: 'admin@demo.hoptac.vn',
    institution: 'HUST',
    displayName: 'Quản trị nền tảng (mẫu)',
    roles: ['platform_admin'],
    language: 'vi',
  },

  // HUST — the institution with every kind of role.
  {
    email: 'admin@hust.demo.hoptac.vn',
    institution: 'HUST',
    displayName: 'Lương Văn Khải',
    roles: ['institution_admin'],
    personEmail: 'admin@hust.demo.hoptac.vn',
    language: 'vi',
  },
  {
    email: 'officer@hust.demo.hoptac.vn',
    institution: 'HUST',
    displayName: 'Đỗ Thị Minh Ngọc',
    roles: ['cooperation_officer'],
    personEmail: 'officer@hust.demo.hoptac.vn',
    language: 'vi',
  },
  {
    email: 'coordinator@hust.demo.hoptac.vn',
    institution: 'HUST',
    displayName: 'Trịnh Hoàng Long',
    roles: ['coordinator'],
    personEmail: 'coordinator@hust.demo.hoptac.vn',
    language: 'vi',
  },
  {
    email: 'lecturer@hust.demo.hoptac.vn',
    institution: 'HUST',
    displayName: 'Phạm Quang Huy',
    roles: ['member'],
    personEmail: 'lecturer@hust.demo.hoptac.vn',
    language: 'vi',
  },
  {
    email: 'student@hust.demo.hoptac.vn',
    institution: 'HUST',
    displayName: 'Nguyễn Thảo Vy',
    roles: ['student'],
    personEmail: 'student@hust.demo.hoptac.vn',
    language: 'vi',
  },

  // HMU
  {
    email: 'admin@hmu.demo.hoptac.vn',
    institution: 'HMU',
    displayName: 'Đinh Công Minh',
    roles: ['institution_admin'],
    personEmail: 'admin@hmu.demo.hoptac.vn',
    language: 'vi',
  },
  {
    email: 'officer@hmu.demo.hoptac.vn',
    institution: 'HMU',
    displayName: 'Trương Thu Hằng',
    roles: ['cooperation_officer'],
    personEmail: 'officer@hmu.demo.hoptac.vn',
    language: 'vi',
  },

  // The SPT exam (seed 001): its organiser at HNUE, and the HMU admissions officer who reads shared results.
  {
    email: 'exams@hnue.demo.hoptac.vn',
    institution: 'HNUE',
    displayName: 'Kim Thị Ngọc Diệp',
    roles: ['exam_organiser'],
    personEmail: 'exams@hnue.demo.hoptac.vn',
    language: 'vi',
  },
  {
    email: 'admissions@hmu.demo.hoptac.vn',
    institution: 'HMU',
    displayName: 'Tạ Quang Vinh',
    roles: ['admissions_officer'],
    personEmail: 'admissions@hmu.demo.hoptac.vn',
    language: 'vi',
  },

  // Cooperation officers of the other institutions (the Russian sample university has no account).
  {
    email: 'officer@bachmai.demo.hoptac.vn',
    institution: 'BMH',
    displayName: 'Phí Thị Thùy Dung',
    roles: ['cooperation_officer'],
    personEmail: 'officer@bachmai.demo.hoptac.vn',
    language: 'vi',
  },
  {
    email: 'officer@hnue.demo.hoptac.vn',
    institution: 'HNUE',
    displayName: 'Nghiêm Thị Thanh Xuân',
    roles: ['cooperation_officer'],
    personEmail: 'officer@hnue.demo.hoptac.vn',
    language: 'vi',
  },
  {
    email: 'officer@vinmec.demo.hoptac.vn',
    institution: 'VINMEC',
    displayName: 'Cao Thị Phương Thảo',
    roles: ['cooperation_officer'],
    personEmail: 'officer@vinmec.demo.hoptac.vn',
    language: 'vi',
  },
  {
    email: 'officer@vinuni.demo.hoptac.vn',
    institution: 'VINUNI',
    displayName: 'Hà Minh Châu',
    roles: ['cooperation_officer'],
    personEmail: 'officer@vinuni.demo.hoptac.vn',
    language: 'en',
  },
  {
    email: 'officer@vnu.demo.hoptac.vn',
    institution: 'VNU',
    displayName: 'Lê Thị Phương Anh',
    roles: ['cooperation_officer'],
    personEmail: 'officer@vnu.demo.hoptac.vn',
    language: 'vi',
  },
  {
    email: 'officer@vnuhcm.demo.hoptac.vn',
    institution: 'VNUHCM',
    displayName: 'Huỳnh Thị Mỹ Linh',
    roles: ['cooperation_officer'],
    personEmail: 'officer@vnuhcm.demo.hoptac.vn',
    language: 'vi',
  },
];
