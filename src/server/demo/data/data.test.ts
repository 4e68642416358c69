import { describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  type DemoAccount,
  type DemoConsortium,
  type DemoInstitution,
  type DemoPerson,
  demoAccounts,
  demoConsortia,
  demoData,
  demoInstitutions,
  demoPeople,
  flattenUnits,
  validateDemoData,
} from './index.ts';

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

const institution = (code: string) => {
  const found = demoInstitutions.find((i) => i.code === code);
  if (!found) throw new Error(`no institution ${code}`);
  return found;
};

interface MutableDemoData {
  institutions: DemoInstitution[];
  people: DemoPerson[];
  accounts: DemoAccount[];
  consortia: DemoConsortium[];
}
const clone = (): MutableDemoData => structuredClone(demoData) as MutableDemoData;
const account = (d: MutableDemoData, email: string): DemoAccount => {
  const found = d.accounts.find((a) => a.email === email);
  if (!found) throw new Error(`no account ${email}`);
  return found;
};

describe('demo data', () => {
  it('is consistent', () => {
    expect(validateDemoData()).toEqual([]);
  });

  it('has the nine institutions with unique codes and real websites for the real ones', () => {
    const codes = demoInstitutions.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(['BMH', 'HMU', 'HNUE', 'HUST', 'RUMED', 'VINMEC', 'VINUNI', 'VNU', 'VNUHCM']);
    for (const code of codes) expect(code).toMatch(/^[A-Z0-9]+$/);
    const websites: Record<string, string> = {
      HMU: 'hmu.edu.vn',
      VINMEC: 'vinmec.com',
      VINUNI: 'vinuni.edu.vn',
      HNUE: 'hnue.edu.vn',
      HUST: 'hust.edu.vn',
      BMH: 'bachmai.gov.vn',
      VNU: 'vnu.edu.vn',
      VNUHCM: 'vnuhcm.edu.vn',
    };
    for (const [code, host] of Object.entries(websites)) {
      const inst = institution(code);
      expect(inst.website).toBe(`https://${host}`);
      expect(inst.sample).toBe(false);
      expect(inst.country).toBe('VN');
    }
    expect(institution('VINMEC').kind).toBe('hospital');
    expect(institution('BMH').kind).toBe('hospital');
    expect(institution('HMU').nameVi).toBe('Trường Đại học Y Hà Nội');
    expect(institution('HNUE').nameEn).toBe('Hanoi National University of Education');
    expect(institution('HUST').nameVi).toBe('Đại học Bách khoa Hà Nội');
    expect(institution('BMH').nameVi).toBe('Bệnh viện Bạch Mai');
  });

  it('marks the invented Russian university as sample data', () => {
    const ru = institution('RUMED');
    expect(ru.sample).toBe(true);
    expect(ru.country).toBe('RU');
    expect(ru.nameEn).toContain('(sample)');
    expect(ru.nameVi).toContain('(dữ liệu mẫu)');
    expect(demoInstitutions.filter((i) => i.sample).map((i) => i.code)).toEqual(['RUMED']);
  });

  it('has both languages for every name', () => {
    for (const inst of demoInstitutions) {
      expect(inst.nameVi.trim()).not.toBe('');
      expect(inst.nameEn.trim()).not.toBe('');
      for (const { unit } of flattenUnits(inst.units)) {
        expect(unit.nameVi.trim(), `${inst.code}/${unit.key}`).not.toBe('');
        expect(unit.nameEn.trim(), `${inst.code}/${unit.key}`).not.toBe('');
      }
    }
    for (const p of demoPeople) expect(p.positionVi === null, p.fullName).toBe(p.positionEn === null);
    for (const c of demoConsortia) {
      for (const text of [c.nameVi, c.nameEn, c.descriptionVi, c.descriptionEn]) expect(text.trim()).not.toBe('');
    }
  });

  it('has realistic unit trees with unique keys and paths per institution', () => {
    for (const inst of demoInstitutions) {
      const flat = flattenUnits(inst.units);
      expect(flat.length, inst.code).toBeGreaterThanOrEqual(5);
      expect(flat.length, inst.code).toBeLessThanOrEqual(15);
      const depth = Math.max(...flat.map((f) => f.depth));
      expect(depth, inst.code).toBeGreaterThanOrEqual(2);
      expect(depth, inst.code).toBeLessThanOrEqual(3);
      const keys = flat.map((f) => f.unit.key);
      const paths = flat.map((f) => f.path);
      expect(new Set(keys).size, inst.code).toBe(keys.length);
      expect(new Set(paths).size, inst.code).toBe(paths.length);
    }
    const hust = flattenUnits(institution('HUST').units);
    const seee = hust.find((f) => f.unit.key === 'seee');
    expect(seee?.unit.nameVi).toBe('Trường Điện - Điện tử');
    expect(seee?.unit.nameEn).toBe('School of Electrical and Electronic Engineering');
    for (const en of ['School of Chemical and Life Science', 'School of Engineering Physics', 'HUST Health Center']) {
      expect(
        hust.some((f) => f.unit.nameEn === en),
        en,
      ).toBe(true);
    }
    const college = flattenUnits(institution('BMH').units).find((f) => f.unit.kind === 'college');
    expect(college?.unit.nameVi).toBe('Trường Cao đẳng Y tế Bạch Mai');
    expect(college?.unit.nameEn).toBe('Bach Mai Medical College');
    expect(flattenUnits(institution('BMH').units).some((f) => f.unit.kind === 'ward' && f.depth === 2)).toBe(true);
  });

  it('has the people named in the seeds, with their reported titles and positions', () => {
    const expected: Array<[string, string, string, string]> = [
      ['HMU', 'Phan Thị Thu Hương', 'PGS.TS.', 'Party Committee Secretary, President of the University Council'],
      ['HMU', 'Nguyễn Hữu Tú', 'GS.TS.', 'President'],
      ['HMU', 'Lê Đình Tùng', 'PGS.TS.', 'Vice President'],
      ['VINMEC', 'Trần Trung Dũng', 'GS.TS.', 'General Director of Vinmec Healthcare System'],
      ['HNUE', 'Nguyễn Đức Sơn', 'PGS.TS.', 'President'],
      ['BMH', 'Đào Xuân Cơ', 'PGS.TS.', 'Director of Bach Mai Hospital'],
      ['HUST', 'Huỳnh Quyết Thắng', 'PGS.TS.', 'President of Hanoi University of Science and Technology'],
    ];
    for (const [code, name, title, positionEn] of expected) {
      const person = demoPeople.find((p) => p.fullName === name);
      expect(person, name).toBeDefined();
      expect(person?.institution, name).toBe(code);
      expect(person?.title, name).toBe(title);
      expect(person?.positionEn, name).toBe(positionEn);
      expect(person?.positionVi, name).toBeTruthy();
      expect(person?.fromSeed, name).toBe(true);
      expect(person?.email, name).toBeNull();
      expect(person?.phone, name).toBeNull();
      expect(name, name).not.toBe(fold(name)); // written with diacritics
    }
    expect(
      demoPeople
        .filter((p) => p.fromSeed)
        .map((p) => p.fullName)
        .sort(),
    ).toEqual(expected.map((e) => e[1]).sort());
  });

  it('does not reuse the names of people from the seeds for generated people or accounts', () => {
    const seedNames = new Set(demoPeople.filter((p) => p.fromSeed).map((p) => fold(p.fullName)));
    // Ministry officials quoted in the seeds are not demo people either.
    for (const n of ['Đào Hồng Lan', 'Nguyễn Thị Liên Hương', 'Hoàng Minh Sơn']) seedNames.add(fold(n));
    for (const p of demoPeople.filter((x) => !x.fromSeed))
      expect(seedNames.has(fold(p.fullName)), p.fullName).toBe(false);
    for (const a of demoAccounts) expect(seedNames.has(fold(a.displayName)), a.displayName).toBe(false);
  });

  it('generates 8–15 sample people per institution with lowercase, unique, pattern-following e-mails', () => {
    const emails = demoPeople.flatMap((p) => (p.email ? [p.email] : []));
    expect(new Set(emails).size).toBe(emails.length);
    const accountEmails = new Set(demoAccounts.map((a) => a.email));
    for (const inst of demoInstitutions) {
      const sample = demoPeople.filter((p) => p.institution === inst.code && !p.fromSeed);
      expect(sample.length, inst.code).toBeGreaterThanOrEqual(8);
      expect(sample.length, inst.code).toBeLessThanOrEqual(15);
      const priv = sample.filter((p) => p.visibility === 'private').length;
      expect(priv, inst.code).toBeGreaterThanOrEqual(1);
      expect(priv, inst.code).toBeLessThan(sample.length / 2);
      for (const p of sample) {
        const email = p.email ?? '';
        expect(email, p.fullName).toBe(email.toLowerCase());
        expect(email, p.fullName).toMatch(/^[a-z0-9.]+@[a-z0-9]+\.demo\.hoptac\.vn$/);
        if (accountEmails.has(email)) continue; // role addresses such as officer@hust.demo.hoptac.vn
        const [local, domain] = email.split('@');
        expect(domain, p.fullName).toBe(`${inst.code.toLowerCase()}.demo.hoptac.vn`);
        const words = fold(p.fullName).split(' ');
        const first = words[0];
        const last = words[words.length - 1];
        expect([`${last}.${first}`, `${first}.${last}`], p.fullName).toContain(local);
      }
    }
  });

  it('uses Vietnamese titles, ISO 639-1 languages and expertise keywords', () => {
    for (const p of demoPeople) {
      for (const l of p.languages) expect(l, p.fullName).toMatch(/^[a-z]{2}$/);
      if (!p.fromSeed) expect(p.expertise.length, p.fullName).toBeGreaterThan(0);
    }
    const keywords = new Set(demoPeople.flatMap((p) => p.expertise));
    for (const k of [
      'AI',
      'robotics',
      'big data',
      '3D printing',
      'semiconductors',
      'clinical training',
      'educational measurement',
      'first aid',
    ]) {
      expect(keywords.has(k), k).toBe(true);
    }
  });

  it('has the demo accounts, each linked to a generated person of its institution', () => {
    expect(DEMO_PASSWORD).toBe('hoptac-demo');
    const byEmail = new Map(demoAccounts.map((a) => [a.email, a]));
    expect(byEmail.size).toBe(demoAccounts.length);
    const expected: Record<string, [string, string]> = {
      'admin@demo.hoptac.vn': ['HUST', 'platform_admin'],
      'admin@hust.demo.hoptac.vn': ['HUST', 'institution_admin'],
      'admin@hmu.demo.hoptac.vn': ['HMU', 'institution_admin'],
      'officer@hust.demo.hoptac.vn': ['HUST', 'cooperation_officer'],
      'officer@bachmai.demo.hoptac.vn': ['BMH', 'cooperation_officer'],
      'officer@hmu.demo.hoptac.vn': ['HMU', 'cooperation_officer'],
      'officer@hnue.demo.hoptac.vn': ['HNUE', 'cooperation_officer'],
      'officer@vinmec.demo.hoptac.vn': ['VINMEC', 'cooperation_officer'],
      'officer@vinuni.demo.hoptac.vn': ['VINUNI', 'cooperation_officer'],
      'officer@vnu.demo.hoptac.vn': ['VNU', 'cooperation_officer'],
      'officer@vnuhcm.demo.hoptac.vn': ['VNUHCM', 'cooperation_officer'],
      'coordinator@hust.demo.hoptac.vn': ['HUST', 'coordinator'],
      'lecturer@hust.demo.hoptac.vn': ['HUST', 'member'],
      'student@hust.demo.hoptac.vn': ['HUST', 'student'],
      'exams@hnue.demo.hoptac.vn': ['HNUE', 'exam_organiser'],
      'admissions@hmu.demo.hoptac.vn': ['HMU', 'admissions_officer'],
    };
    expect([...byEmail.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [email, [code, role]] of Object.entries(expected)) {
      const a = byEmail.get(email);
      expect(a?.email).toBe(email.toLowerCase());
      expect(a?.institution, email).toBe(code);
      expect(a?.roles, email).toEqual([role]);
      if (role === 'platform_admin') continue;
      expect(a?.personEmail, email).toBe(email);
      const person = demoPeople.find((p) => p.email === email);
      expect(person?.institution, email).toBe(code);
      expect(person?.fromSeed, email).toBe(false);
      expect(person?.fullName, email).toBe(a?.displayName);
    }
    expect(demoAccounts.filter((a) => a.language === 'en').length).toBeLessThanOrEqual(1);
  });

  it('has the consortia of the seeds', () => {
    const codes = demoConsortia.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    const all = demoConsortia.find((c) => c.nameVi === 'Liên minh hợp tác hoptac (dữ liệu mẫu)');
    expect(all?.nameEn).toBe('hoptac demo consortium (sample data)');
    expect([...(all?.members ?? [])].sort()).toEqual(demoInstitutions.map((i) => i.code).sort());
    const members = (code: string) => [...(demoConsortia.find((c) => c.code === code)?.members ?? [])].sort();
    expect(members('HMU-VINMEC-VINUNI')).toEqual(['HMU', 'VINMEC', 'VINUNI']);
    expect(members('NQ57')).toEqual(['HUST', 'VNU', 'VNUHCM']);
  });
});

describe('validateDemoData', () => {
  it('reports broken references and duplicates', () => {
    const d = clone();
    d.people[0].institution = 'NOPE';
    d.people[10].unit = 'no-such-unit';
    d.people[11].email = d.people[12].email;
    d.people[13].email = 'Upper@Case.vn';
    d.accounts[1].personEmail = 'nobody@demo.hoptac.vn';
    d.consortia[0].members.push('GHOST');
    d.institutions[1].code = d.institutions[0].code;
    d.institutions[2].units.push({ ...d.institutions[2].units[0] });
    d.institutions[3].units[0].nameEn = '';
    const problems = validateDemoData(d).join('\n');
    expect(problems).toContain('unknown institution NOPE');
    expect(problems).toContain('unknown unit no-such-unit');
    expect(problems).toContain('duplicate e-mail');
    expect(problems).toContain('malformed or non-lowercase e-mail Upper@Case.vn');
    expect(problems).toContain('unknown person nobody@demo.hoptac.vn');
    expect(problems).toContain('unknown member GHOST');
    expect(problems).toContain('duplicate code');
    expect(problems).toContain('duplicate unit key');
    expect(problems).toContain('duplicate unit path');
    expect(problems).toContain('name missing in a language');
  });

  it('requires accounts other than the platform operator to belong to a generated person', () => {
    const d = clone();
    delete account(d, 'officer@hust.demo.hoptac.vn').personEmail;
    account(d, 'lecturer@hust.demo.hoptac.vn').institution = 'HMU';
    expect(validateDemoData(d)).toEqual([
      'account officer@hust.demo.hoptac.vn: must link to a person',
      'account lecturer@hust.demo.hoptac.vn: person belongs to HUST',
    ]);
  });
});
