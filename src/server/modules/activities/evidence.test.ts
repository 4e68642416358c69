import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsortium, buildPerson, buildTenant, buildUser } from '../../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';

// Evidence of an activity: a document of its agreement of kind `evidence`, uploaded with the activity's id by whoever
// may edit the activity (here the area's point of contact, a member), shown on the activity, refused with the field
// named for a wrong type, a missing activity, an activity of another agreement; 404 for a non-party.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => new Date('2026-07-01T05:00:00Z') } });
});
afterAll(() => t.close());

function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer } | null) {
  const boundary = '----hoptac-evidence-test';
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (c: ApiClient, agreementId: string, fields: Record<string, string>, file: { name: string; bytes: Buffer } | null) => {
  const { body, headers } = multipart(fields, file);
  return c.request('POST', `/api/v1/agreements/${agreementId}/documents`, body, headers);
};
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

describe('evidence of an activity', () => {
  let officer: ApiClient;
  let contact: ApiClient;
  let agreementId: string;
  let otherAgreementId: string;
  let activityId: string;
  let trainingActivityId: string;
  let hust: Awaited<ReturnType<typeof buildTenant>>;
  let outsider: Awaited<ReturnType<typeof buildTenant>>;

  beforeAll(async () => {
    const db = t.database.db;
    hust = await buildTenant(db, { code: 'EVA' });
    const bmh = await buildTenant(db, { code: 'EVB' });
    outsider = await buildTenant(db, { code: 'EVC' });
    await buildConsortium(db, [hust.institution.id, bmh.institution.id, outsider.institution.id]);
    const person = await buildPerson(db, hust.institution.id, { fullName: 'Đầu Mối Minh Chứng' });
    const contactUser = await buildUser(db, hust.institution.id, ['member'], { personId: person.id });
    officer = await t.login(hust.officer.email);
    contact = await t.login(contactUser.email);
    const make = async (title: string) => {
      const res = await officer.post('/api/v1/agreements', {
        content: {
          kind: 'mou',
          titleVi: title,
          titleEn: title,
          startDate: '2026-01-01',
          parties: [{ institutionId: hust.institution.id }, { institutionId: bmh.institution.id }],
          areas: [
            { key: 'research', kind: 'research', titleVi: 'Nghiên cứu', titleEn: 'Research', contacts: [{ institutionId: hust.institution.id, personId: person.id }] },
            { key: 'training', kind: 'training', titleVi: 'Đào tạo', titleEn: 'Training' },
          ],
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      await db.updateTable('agreements').set({ status: 'active' }).where('id', '=', res.body.id).execute();
      return res.body.id as string;
    };
    agreementId = await make('Thỏa thuận có minh chứng');
    otherAgreementId = await make('Thỏa thuận khác');
    const record = async (areaKey: string) => {
      const res = await officer.post(`/api/v1/agreements/${agreementId}/activities`, {
        areaKey,
        kind: 'seminar',
        status: 'done',
        titleVi: 'Hội thảo có minh chứng',
        titleEn: 'Seminar with evidence',
        startDate: '2026-03-10',
        endDate: '2026-03-10',
        organiserIds: [hust.institution.id],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.items[0].id as string;
    };
    activityId = await record('research');
    trainingActivityId = await record('training');
  });

  it("is attached by the area's point of contact and shown on the activity, and its file opens", async () => {
    const res = await upload(contact, agreementId, { kind: 'evidence', activityId, title: 'Danh sách tham dự' }, { name: 'danh-sach.pdf', bytes: pdf('attendance') });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const activity = await officer.get(`/api/v1/activities/${activityId}`);
    expect(activity.body.evidence).toEqual([expect.objectContaining({ title: 'Danh sách tham dự', mimeType: 'application/pdf', fileName: 'danh-sach.pdf' })]);
    const file = await t.app.inject({ method: 'GET', url: `/api/v1/files/${activity.body.evidence[0].fileId}/content`, headers: { cookie: officer.cookie! } });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('is refused, naming the field, for a wrong type, a missing or foreign activity, and for who may not edit the activity', async () => {
    const exe = await upload(officer, agreementId, { kind: 'evidence', activityId }, { name: 'photo.png', bytes: Buffer.from('MZ\x90\x00 not an image') });
    expect(exe.status).toBe(415);
    expect(exe.body.error.details.fields[0]).toMatchObject({ field: 'file', code: 'file_type' });
    const missing = await upload(officer, agreementId, { kind: 'evidence' }, { name: 'a.pdf', bytes: pdf('x') });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields[0]).toMatchObject({ field: 'activityId', code: 'required' });
    const stray = await upload(officer, agreementId, { kind: 'annex', activityId }, { name: 'a.pdf', bytes: pdf('x') });
    expect(stray.body.error.details.fields[0]).toMatchObject({ field: 'activityId', code: 'invalid_value' });
    const foreign = await upload(officer, otherAgreementId, { kind: 'evidence', activityId }, { name: 'a.pdf', bytes: pdf('x') });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.fields[0]).toMatchObject({ field: 'activityId', code: 'unknown_reference' });
    // The point of contact of research does not edit a training activity; a student of the party edits nothing.
    expect((await upload(contact, agreementId, { kind: 'evidence', activityId: trainingActivityId }, { name: 'a.pdf', bytes: pdf('x') })).status).toBe(403);
    const student = await t.login(hust.student.email);
    expect((await upload(student, agreementId, { kind: 'evidence', activityId }, { name: 'a.pdf', bytes: pdf('x') })).status).toBe(403);
    // A member who is no contact may not attach working documents either.
    expect((await upload(contact, agreementId, { kind: 'annex' }, { name: 'a.pdf', bytes: pdf('x') })).status).toBe(403);
    const stranger = await t.login(outsider.officer.email);
    expect((await upload(stranger, agreementId, { kind: 'evidence', activityId }, { name: 'a.pdf', bytes: pdf('x') })).status).toBe(404);
    const docs = await t.database.db.selectFrom('activity_evidence').select('document_id').where('activity_id', 'in', [activityId, trainingActivityId]).execute();
    expect(docs).toHaveLength(1);
  });

  it('is refused over 20 MiB with a 413', async () => {
    const big = Buffer.concat([pdf('big'), Buffer.alloc(20 * 1024 * 1024 + 10, 0x20)]);
    const res = await upload(officer, agreementId, { kind: 'evidence', activityId }, { name: 'big.pdf', bytes: big });
    expect(res.status).toBe(413);
  });
});
