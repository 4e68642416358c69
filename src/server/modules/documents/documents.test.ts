import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, buildUser } from '../../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer } | null) {
  const boundary = '----hoptac-doc-test';
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(c: ApiClient, agreementId: string, fields: Record<string, string>, file: { name: string; bytes: Buffer } | null) {
  const { body, headers } = multipart(fields, file);
  return c.request('POST', `/api/v1/agreements/${agreementId}/documents`, body, headers);
}

async function setup() {
  const a = await buildTenant(t.database.db);
  const b = await buildTenant(t.database.db);
  const officer = await t.login(a.officer.email);
  const created = await officer.post('/api/v1/agreements', {
    content: { kind: 'mou', titleVi: 'Tài liệu thử', titleEn: 'Documents test', startDate: '2026-01-01', parties: [{ institutionId: a.institution.id }, { institutionId: b.institution.id }] },
  });
  return { a, b, officer, id: created.body.id as string };
}

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

describe('agreement documents', () => {
  it('stores revisions with their SHA-256, previews PDFs inline, and lists every revision', async () => {
    const { officer, id } = await setup();
    const first = await upload(officer, id, { kind: 'minutes', title: 'Biên bản họp 13/01' }, { name: 'bien-ban.pdf', bytes: pdf('v1') });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.revision).toBe(1);
    expect(first.body.sha256).toBe(createHash('sha256').update(pdf('v1')).digest('hex'));
    const second = await upload(officer, id, { kind: 'minutes', title: 'Biên bản họp 13/01 (sửa)', documentKey: first.body.documentKey }, { name: 'bien-ban-2.pdf', bytes: pdf('v2') });
    expect(second.body.revision).toBe(2);
    expect(second.body.documentKey).toBe(first.body.documentKey);
    const list = await officer.get(`/api/v1/agreements/${id}/documents`);
    expect(list.body.items.map((d: { revision: number }) => d.revision)).toEqual([2, 1]);
    const file = await t.app.inject({ method: 'GET', url: `/api/v1/files/${first.body.fileId}/content`, headers: { cookie: officer.cookie! } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(String(file.headers['content-disposition'])).toMatch(/^inline;/);
    expect(file.rawPayload.equals(pdf('v1'))).toBe(true);
  });

  it('refuses files of the wrong type, a signed copy that is not a PDF, and files over 20 MiB', async () => {
    const { officer, id } = await setup();
    const exe = await upload(officer, id, { kind: 'annex' }, { name: 'virus.pdf', bytes: Buffer.from('MZ\x90\x00 not really a pdf') });
    expect(exe.status).toBe(415);
    expect(exe.body.error.details.fields[0].field).toBe('file');
    const png = Buffer.concat([Buffer.from([0x89]), Buffer.from('PNG\r\n\x1a\n'), Buffer.alloc(20)]);
    const signedPng = await upload(officer, id, { kind: 'signed' }, { name: 'scan.png', bytes: png });
    expect(signedPng.status).toBe(400);
    expect(signedPng.body.error.details.fields[0]).toMatchObject({ field: 'file', code: 'pdf_required' });
    const big = await upload(officer, id, { kind: 'annex' }, { name: 'big.pdf', bytes: Buffer.concat([pdf('big'), Buffer.alloc(21 * 1024 * 1024)]) });
    expect(big.status).toBe(413);
    // Files between the JSON body limit (1 MiB) and 20 MiB are fine.
    const medium = await upload(officer, id, { kind: 'annex' }, { name: 'scan.pdf', bytes: Buffer.concat([pdf('medium'), Buffer.alloc(3 * 1024 * 1024)]) });
    expect(medium.status).toBe(201);
    expect(medium.body.sizeBytes).toBeGreaterThan(3 * 1024 * 1024);
    const noKind = await upload(officer, id, {}, { name: 'x.pdf', bytes: pdf('x') });
    expect(noKind.status).toBe(400);
    expect(noKind.body.error.details.fields[0].field).toBe('kind');
    expect((await officer.get(`/api/v1/agreements/${id}/documents`)).body.items).toHaveLength(1);
  });

  it('shows files only to those who may read the agreement’s documents', async () => {
    const { officer, id, b } = await setup();
    const doc = await upload(officer, id, { kind: 'annex', title: 'Phụ lục' }, { name: 'phu-luc.pdf', bytes: pdf('annex') });
    const file = (c: { cookie?: string | null }) => t.app.inject({ method: 'GET', url: `/api/v1/files/${doc.body.fileId}/content`, headers: { cookie: c.cookie! } });
    const partner = await t.login(b.officer.email);
    expect((await file(partner)).statusCode).toBe(200);
    const stranger = await t.login((await buildTenant(t.database.db)).officer.email);
    expect((await file(stranger)).statusCode).toBe(404);
    expect((await upload(stranger, id, { kind: 'annex' }, { name: 'x.pdf', bytes: pdf('x') })).status).toBe(404);
    // A party's member: not before the agreement is signed (docs/agreement-visibility.md), then reads, never attaches.
    const member = await t.login(b.member.email);
    expect((await file(member)).statusCode).toBe(404);
    expect((await member.get(`/api/v1/agreements/${id}/documents`)).status).toBe(404);
    await t.database.db.updateTable('agreements').set({ status: 'active' }).where('id', '=', id).execute();
    expect((await file(member)).statusCode).toBe(200);
    expect((await member.get(`/api/v1/agreements/${id}/documents`)).status).toBe(200);
    expect((await upload(member, id, { kind: 'annex' }, { name: 'x.pdf', bytes: pdf('x') })).status).toBe(403);
  });

  // The decided rule (issue 8): the signed copy can bring the agreement into force, so only those who act
  // for a party (officers, admins: agreements.act) attach it; a party's coordinators take part in the
  // negotiation and attach working documents (agreements.discuss).
  it('lets a coordinator of a party attach an annex but not the signed copy', async () => {
    const { a, officer, id } = await setup();
    const coordinatorUser = await buildUser(t.database.db, a.institution.id, ['coordinator']);
    const coordinator = await t.login(coordinatorUser.email);
    const view = await coordinator.get(`/api/v1/agreements/${id}`);
    expect(view.body.permissions).toMatchObject({ attach: true, attachSigned: false, comment: true, note: true, edit: false, approve: false });
    const signed = await upload(coordinator, id, { kind: 'signed', title: 'Bản ký' }, { name: 'ban-ky.pdf', bytes: pdf('coordinator signed') });
    expect(signed.status).toBe(403);
    expect(signed.body.error.message).toBe('Chỉ cán bộ hợp tác của một bên tham gia mới được thực hiện thao tác này.');
    const annex = await upload(coordinator, id, { kind: 'annex', title: 'Phụ lục của điều phối viên' }, { name: 'phu-luc.pdf', bytes: pdf('coordinator annex') });
    expect(annex.status, JSON.stringify(annex.body)).toBe(201);
    expect(annex.body.kind).toBe('annex');
    // Nor as a new revision of the signed copy the officer attached.
    const real = await upload(officer, id, { kind: 'signed', title: 'Bản ký' }, { name: 'ban-ky.pdf', bytes: pdf('officer signed') });
    expect(real.status).toBe(201);
    const replace = await upload(coordinator, id, { kind: 'signed', documentKey: real.body.documentKey }, { name: 'khac.pdf', bytes: pdf('replacement') });
    expect(replace.status).toBe(403);
    expect((await officer.get(`/api/v1/agreements/${id}`)).body.signedDocumentId).toBe(real.body.id);
    expect((await officer.get(`/api/v1/agreements/${id}/documents`)).body.items.map((d: { kind: string }) => d.kind)).toEqual(['signed', 'annex']);
  });
});
