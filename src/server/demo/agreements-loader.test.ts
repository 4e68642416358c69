import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgreementContent } from '../../contracts/agreements.ts';
import { contentHash } from '../../engines/agreements/canonical-hash.ts';
import { dueStatus, type Status } from '../../engines/agreements/lifecycle.ts';
import { createFileStore, type FileStore } from '../platform/files.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { demoAgreements, validateDemoAgreements } from './data/agreements.ts';
import { demoPdf, toAscii } from './demo-pdf.ts';
import { type DemoIds, loadDemo } from './load.ts';

let database: TestDatabase;
let filesDir: string;
let files: FileStore;
let ids: DemoIds;

beforeAll(async () => {
  database = await createTestDatabase();
  filesDir = mkdtempSync(join(tmpdir(), 'hoptac-demo-files-'));
  files = createFileStore(filesDir);
  ids = await loadDemo(database.db, { files });
});
afterAll(async () => {
  await database.close();
  rmSync(filesDir, { recursive: true, force: true });
});

const db = () => database.db;

async function partiesOf(agreementId: string): Promise<string[]> {
  const rows = await db()
    .selectFrom('agreement_parties as p')
    .innerJoin('institutions as i', 'i.id', 'p.institution_id')
    .select('i.code')
    .where('p.agreement_id', '=', agreementId)
    .orderBy('p.position')
    .execute();
  return rows.map((r) => r.code);
}

async function findByParties(codes: string[], filter: (a: { kind: string; status: string; title_en: string }) => boolean = () => true) {
  const all = await db().selectFrom('agreements').selectAll().execute();
  const out = [];
  for (const a of all) {
    if (!filter(a)) continue;
    if (JSON.stringify((await partiesOf(a.id)).sort()) === JSON.stringify([...codes].sort())) out.push(a);
  }
  return out;
}

describe('demo agreements data', () => {
  it('is consistent with the directory', () => {
    expect(validateDemoAgreements()).toEqual([]);
  });

  it('names every seed case once', () => {
    const seeds = demoAgreements.map((a) => a.seed).filter((s) => s !== null);
    expect(seeds.sort()).toEqual(['000', '001', '002', '003', '004']);
  });
});

describe('loaded demo agreements', () => {
  it('has the five seed agreements with their parties', async () => {
    const trilateral = await findByParties(['HMU', 'VINMEC', 'VINUNI'], (a) => a.kind === 'cooperation');
    expect(trilateral).toHaveLength(1);
    expect(trilateral[0].status).toBe('active');
    expect(trilateral[0].current_version).toBe(3);

    const strategic = await findByParties(['HNUE', 'HMU'], (a) => a.kind === 'strategic');
    expect(strategic).toHaveLength(1);
    expect(['draft', 'negotiation']).toContain(strategic[0].status);
    expect(strategic[0].signing_date).toBeNull();

    const mou = await findByParties(['HUST', 'BMH'], (a) => a.kind === 'mou');
    expect(mou).toHaveLength(1);

    const nq57 = await findByParties(['VNU', 'VNUHCM', 'HUST']);
    expect(nq57).toHaveLength(1);
    expect(nq57[0].signing_date).toBe('2025-04-03');
    expect(nq57[0].status).toBe('active');

    const russia = await findByParties(['HMU', 'RUMED'], (a) => a.kind === 'cooperation');
    expect(russia).toHaveLength(1);
    expect(russia[0].is_sample).toBe(true);
  });

  it('shows every status, a specific agreement under its framework and an annex', async () => {
    const rows = await db().selectFrom('agreements').select(['id', 'status', 'kind', 'parent_id', 'status_reason', 'notice_date', 'end_date', 'is_sample']).execute();
    const statuses = new Set(rows.map((r) => r.status));
    for (const s of ['draft', 'negotiation', 'awaiting_approval', 'active', 'expiring', 'expired', 'terminated']) expect(statuses).toContain(s);
    expect(rows.filter((r) => r.status === 'draft').length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.is_sample)).toBe(true);
    for (const r of rows.filter((x) => x.status === 'terminated')) {
      expect(r.status_reason).toBeTruthy();
      expect(r.notice_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(rows.some((r) => r.status === 'expired' && r.end_date! < '2026-01-01' && r.end_date! >= '2025-01-01')).toBe(true);
    expect(rows.some((r) => r.status === 'expiring' && r.end_date! > '2026-11-23' && r.end_date! <= '2027-02-21')).toBe(true);
    const children = rows.filter((r) => r.kind === 'specific' || r.kind === 'annex');
    expect(children.map((r) => r.kind)).toEqual(expect.arrayContaining(['specific', 'annex']));
    for (const c of children) expect(rows.some((r) => r.id === c.parent_id)).toBe(true);
    const [trilateral] = await findByParties(['HMU', 'VINMEC', 'VINUNI'], (a) => a.kind === 'cooperation');
    expect(children.some((c) => c.parent_id === trilateral.id)).toBe(true);
  });

  it('stores content whose hash is the canonical hash of what is stored', async () => {
    const versions = await db().selectFrom('agreement_versions').selectAll().execute();
    expect(versions.length).toBeGreaterThan(demoAgreements.length);
    for (const v of versions) {
      const parsed = AgreementContent.parse(v.content);
      expect(contentHash(parsed)).toBe(v.content_hash);
      // What is stored is already the parsed (defaulted) form.
      expect(contentHash(v.content)).toBe(v.content_hash);
    }
    const agreements = await db().selectFrom('agreements').select(['id', 'current_version', 'content_hash', 'title_vi']).execute();
    for (const a of agreements) {
      const v = versions.find((x) => x.agreement_id === a.id && x.version_no === a.current_version);
      expect(v?.content_hash).toBe(a.content_hash);
      expect(versions.filter((x) => x.agreement_id === a.id)).toHaveLength(a.current_version);
      expect((v!.content as { titleVi: string }).titleVi).toBe(a.title_vi);
    }
    // The history example: an earlier version had a smaller internship target.
    const [trilateral] = await findByParties(['HMU', 'VINMEC', 'VINUNI'], (a) => a.kind === 'cooperation');
    const target = (no: number) => {
      const c = AgreementContent.parse(versions.find((x) => x.agreement_id === trilateral.id && x.version_no === no)!.content);
      return c.areas.find((a) => a.key === 'internship')!.targets.find((t) => t.key === 't1')!.value;
    };
    expect(target(1)).toBeLessThan(target(3));
  });

  it('keeps approvals that name existing versions by their hash, voided once replaced', async () => {
    const approvals = await db().selectFrom('agreement_approvals').selectAll().execute();
    const versions = await db().selectFrom('agreement_versions').select(['agreement_id', 'version_no', 'content_hash']).execute();
    const agreements = await db().selectFrom('agreements').selectAll().execute();
    expect(approvals.length).toBeGreaterThan(0);
    for (const ap of approvals) {
      const v = versions.find((x) => x.agreement_id === ap.agreement_id && x.version_no === ap.version_no);
      expect(v).toBeDefined();
      expect(ap.content_hash).toBe(v!.content_hash);
      const a = agreements.find((x) => x.id === ap.agreement_id)!;
      if (ap.version_no < a.current_version) {
        expect(ap.voided_at).not.toBeNull();
        expect(ap.voided_by_version).toBe(ap.version_no + 1);
      } else expect(ap.voided_at).toBeNull();
    }
    expect(approvals.some((a) => a.voided_at !== null)).toBe(true);
    for (const a of agreements) {
      const parties = await partiesOf(a.id);
      const standing = approvals.filter((ap) => ap.agreement_id === a.id && ap.voided_at === null && ap.content_hash === a.content_hash);
      const all = standing.length === parties.length;
      expect(a.fully_approved_at !== null).toBe(all);
      if (['active', 'expiring', 'expired', 'terminated'].includes(a.status)) expect(all).toBe(true);
      if (a.status === 'awaiting_approval') expect(standing.length).toBeGreaterThan(0);
      if (a.status === 'awaiting_approval') expect(all).toBe(false);
    }
  });

  it('signs the HUST – Bach Mai MoU on 2 October 2025 with a contact per area per party', async () => {
    const [mou] = await findByParties(['HUST', 'BMH'], (a) => a.kind === 'mou');
    expect(mou.signing_date).toBe('2025-10-02');
    expect(mou.status).toBe('active');
    const version = await db().selectFrom('agreement_versions').select('content').where('agreement_id', '=', mou.id).where('version_no', '=', mou.current_version).executeTakeFirstOrThrow();
    const content = AgreementContent.parse(version.content);
    expect(content.signingPlace).toBe('Hà Nội');
    expect(content.areas.map((a) => a.kind)).toEqual(expect.arrayContaining(['training', 'research', 'services']));
    const text = JSON.stringify(content);
    expect(text).toMatch(/sơ cấp cứu/);
    expect(text).toMatch(/Big Data/);
    const parties = content.parties.map((p) => p.institutionId);
    const contacts = await db().selectFrom('agreement_contacts').selectAll().where('agreement_id', '=', mou.id).execute();
    const people = await db().selectFrom('people').select(['id', 'institution_id']).execute();
    for (const area of content.areas) {
      const forArea = contacts.filter((c) => c.area_key === area.key);
      expect(forArea.map((c) => c.institution_id).sort()).toEqual([...parties].sort());
      for (const c of forArea) expect(people.find((p) => p.id === c.person_id)?.institution_id).toBe(c.institution_id);
    }
  });

  it('attaches a signed PDF to every agreement in force, matching the stored bytes', async () => {
    const agreements = await db().selectFrom('agreements').selectAll().execute();
    const docs = await db()
      .selectFrom('agreement_documents as d')
      .innerJoin('files as f', 'f.id', 'd.file_id')
      .select(['d.id', 'd.agreement_id', 'd.kind', 'f.sha256', 'f.size_bytes', 'f.mime_type'])
      .execute();
    for (const a of agreements) {
      const inForce = ['active', 'expiring', 'expired', 'terminated'].includes(a.status);
      expect(a.signed_document_id !== null).toBe(inForce);
      if (!inForce) continue;
      const doc = docs.find((d) => d.id === a.signed_document_id)!;
      expect(doc.agreement_id).toBe(a.id);
      expect(doc.kind).toBe('signed');
      expect(doc.mime_type).toBe('application/pdf');
      const bytes = readFileSync(join(filesDir, doc.sha256.slice(0, 2), doc.sha256));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(doc.sha256);
      expect(bytes.length).toBe(Number(doc.size_bytes));
      const text = bytes.toString('latin1');
      expect(text.startsWith('%PDF-')).toBe(true);
      expect(text.endsWith('%%EOF')).toBe(true);
      expect(text).toContain('(hoptac demo - signed copy \\(sample\\)) Tj');
    }
  });

  it('gives every agreement a timeline and its comments', async () => {
    const agreements = await db().selectFrom('agreements').select(['id', 'status']).execute();
    const audit = await db().selectFrom('audit_log').select(['entity_id', 'action', 'actor_label', 'created_at', 'id']).where('entity', '=', 'agreement').orderBy('id').execute();
    for (const a of agreements) {
      const entries = audit.filter((e) => e.entity_id === a.id);
      expect(entries[0]?.action).toBe('create');
      const times = entries.map((e) => new Date(e.created_at).getTime());
      expect([...times].sort((x, y) => x - y)).toEqual(times);
      if (a.status !== 'draft') expect(entries.some((e) => e.action === 'status')).toBe(true);
    }
    expect(new Set(audit.map((e) => e.action))).toEqual(new Set(['create', 'update', 'approve', 'status', 'comment', 'propose', 'attach']));
    const comments = await db().selectFrom('agreement_comments').selectAll().execute();
    expect(comments.length).toBeGreaterThanOrEqual(5);
    for (const c of comments) expect(c.author_user_id).toBe(ids.users.get(c.author_label));
  });


  it('has the statuses the lifecycle job would keep on 2026-11-23', async () => {
    const rows = await db().selectFrom('agreements').selectAll().execute();
    for (const r of rows) {
      const facts = { status: r.status as Status, startDate: r.start_date, endDate: r.end_date, fullyApproved: r.fully_approved_at !== null, signedDocument: r.signed_document_id !== null, signingDate: r.signing_date };
      expect(dueStatus(facts, '2026-11-23'), r.title_en).toBe(r.status);
    }
  });
});

describe('demo agreements without a file store', () => {
  it('load without signed documents', async () => {
    const other = await createTestDatabase();
    try {
      await loadDemo(other.db);
      const rows = await other.db.selectFrom('agreements').select(['status', 'signed_document_id']).execute();
      expect(rows).toHaveLength(demoAgreements.length);
      expect(rows.every((r) => r.signed_document_id === null)).toBe(true);
      expect(await other.db.selectFrom('files').select('id').execute()).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('demo PDF', () => {
  it('has a cross-reference table with the exact object offsets', () => {
    const pdf = demoPdf(['Đại học Y Hà Nội (HMU) \\ test', 'x'.repeat(200)]);
    const text = pdf.toString('latin1');
    const startxref = Number(/startxref\n(\d+)\n%%EOF$/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const entries = text.slice(startxref).split('\n').slice(3, 8);
    entries.forEach((e, i) => {
      const offset = Number(e.slice(0, 10));
      expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    });
    const length = Number(/\/Length (\d+)/.exec(text)![1]);
    const start = text.indexOf('stream\n') + 'stream\n'.length;
    expect(text.slice(start + length, start + length + '\nendstream'.length)).toBe('\nendstream');
    expect(text).toContain('(Dai hoc Y Ha Noi \\(HMU\\) \\\\ test) Tj');
    expect([...pdf].every((byte) => byte < 0x80)).toBe(true);
    expect(toAscii('Đào Xuân Cơ – “SPT”')).toBe('Dao Xuan Co - "SPT"');
  });
});
