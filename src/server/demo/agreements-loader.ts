import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { AgreementContent } from '../../contracts/agreements.ts';
import { contentHash } from '../../engines/agreements/canonical-hash.ts';
import { diffContent } from '../../engines/agreements/content-diff.ts';
import { checkContent } from '../modules/agreements/content-rules.ts';
import { writeProjections } from '../modules/agreements/repository.ts';
import type { Tx } from '../platform/db.ts';
import type { FileStore } from '../platform/files.ts';
import {
  type DemoAgreement,
  type DemoContent,
  demoAgreements,
  IN_FORCE,
  officerAccounts,
  validateDemoAgreements,
} from './data/agreements.ts';
import { demoAccounts } from './data/index.ts';
import { demoPdf } from './demo-pdf.ts';
import type { DemoIds } from './load.ts';

// Loads the demo agreements (data/agreements.ts) inside the demo transaction, writing the same rows the
// agreements service writes — versions hashed over their canonical content, projections, approvals (voided by
// later versions), comments, a timeline in the audit log and, when a file store is given, a signed PDF for
// every agreement in force — with timestamps taken from the data rather than the clock.

type Content = AgreementContent;
type Status = DemoAgreement['status'];

interface Event {
  at: string;
  /** Account e-mail, or null for the platform ('system'). */
  actor: string | null;
  action: string;
  before?: unknown;
  after?: unknown;
}

const MINUTE = 60_000;
const shift = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();
/** A calendar day (Vietnam time) at a given hour, as an ISO timestamp. */
const dayAt = (date: string, time = '00:05') => `${date}T${time}:00+07:00`;
const latest = (times: string[]) => times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo agreements: unknown ${what}`);
  return value;
}

/** Codes → ids, then the schema's defaults: exactly the content the service would store. */
export function resolveContent(c: DemoContent, ids: DemoIds, agreementIds: Map<string, string>): Content {
  const inst = (code: string) => need(ids.institutions.get(code), `institution ${code}`);
  return AgreementContent.parse({
    kind: c.kind,
    parentId: c.parent ? need(agreementIds.get(c.parent), `parent agreement ${c.parent}`) : null,
    titleVi: c.titleVi,
    titleEn: c.titleEn,
    summaryVi: c.summaryVi,
    summaryEn: c.summaryEn,
    signingPlace: c.signingPlace ?? null,
    signingDate: c.signingDate ?? null,
    startDate: c.startDate,
    endDate: c.endDate ?? null,
    renewal: c.renewal,
    renewalYears: c.renewalYears ?? null,
    parties: c.parties.map((p) => ({
      institutionId: inst(p.institution),
      unitId: p.unit ? need(ids.units.get(`${p.institution}/${p.unit}`), `unit ${p.institution}/${p.unit}`) : null,
    })),
    areas: c.areas.map((a) => ({
      key: a.key,
      kind: a.kind,
      titleVi: a.titleVi,
      titleEn: a.titleEn,
      descriptionVi: a.descriptionVi,
      descriptionEn: a.descriptionEn,
      contacts: (a.contacts ?? []).map((ct) => ({ institutionId: inst(ct.institution), personId: need(ids.people.get(ct.person), `person ${ct.person}`) })),
      commitments: (a.commitments ?? []).map((cm) => ({
        key: cm.key,
        fromInstitutionId: inst(cm.from),
        toInstitutionId: cm.to ? inst(cm.to) : null,
        textVi: cm.textVi,
        textEn: cm.textEn,
        quantity: cm.quantity ?? null,
        perYear: cm.perYear ?? false,
      })),
      targets: (a.targets ?? []).map((t) => ({ ...t })),
    })),
  });
}

/** The status changes that led to the agreement's current status, in order. */
function statusPath(ag: DemoAgreement, final: DemoContent, owner: string, officerOf: (code: string) => string | null): { at: string; from: Status; to: Status; actor: string | null; reason?: string }[] {
  const out: { at: string; from: Status; to: Status; actor: string | null; reason?: string }[] = [];
  if (ag.status === 'draft') return out;
  const officer = officerOf(owner);
  let status: Status = 'draft';
  const go = (at: string, to: Status, actor: string | null, reason?: string) => {
    out.push({ at, from: status, to, actor, ...(reason ? { reason } : {}) });
    status = to;
  };
  go(shift(ag.versions[0].at, 60 * MINUTE), 'negotiation', officer);
  const approvals = [...ag.approvals].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  if (approvals.length > 0) {
    // The first approval ends the drafting; a later edit sent the negotiation back (when it did).
    go(shift(approvals[0].at, -MINUTE), 'awaiting_approval', officerOf(approvals[0].institution));
    if (ag.status === 'negotiation') {
      const reopened = ag.versions.find((v) => Date.parse(v.at) > Date.parse(approvals[0].at));
      go(shift(reopened?.at ?? approvals[0].at, reopened ? -MINUTE : MINUTE), 'negotiation', reopened?.by ?? officer);
    }
  }
  if (!IN_FORCE.includes(ag.status)) return out;
  const signedAt = ag.signedAt ?? dayAt(final.signingDate!, '10:00');
  go(latest([signedAt, dayAt(final.startDate)]), 'active', null);
  if (ag.status === 'expiring' || ag.status === 'expired') {
    const end = Date.parse(`${final.endDate!}T00:00:00Z`);
    go(dayAt(new Date(end - 90 * 86_400_000).toISOString().slice(0, 10)), 'expiring', null);
    if (ag.status === 'expired') go(dayAt(new Date(end + 86_400_000).toISOString().slice(0, 10)), 'expired', null);
  }
  if (ag.status === 'terminated') go(dayAt(ag.noticeDate!, '09:00'), 'terminated', officer, ag.statusReason);
  return out;
}

/** Inserts the demo agreements. `files` given: in-force agreements get a signed PDF stored there. */
export async function loadDemoAgreements(tx: Tx, ids: DemoIds, files?: FileStore): Promise<void> {
  const problems = validateDemoAgreements();
  if (problems.length > 0) throw new Error(`demo agreements are inconsistent:\n${problems.join('\n')}`);
  const officers = officerAccounts(demoAccounts);
  const officerOf = (code: string) => officers.get(code) ?? null;
  const userOf = (email: string | null) => (email ? (ids.users.get(email) ?? null) : null);
  const agreementIds = new Map<string, string>();

  for (const ag of demoAgreements) {
    const contents = ag.versions.map((v) => resolveContent(v.content, ids, agreementIds));
    const hashes = contents.map((c) => contentHash(c));
    const n = contents.length;
    const content = contents[n - 1];
    const final = ag.versions[n - 1].content;
    for (const c of contents) await checkContent(tx, c, { requiredParty: null });
    const ownerCode = final.parties[0].institution;
    const ownerId = content.parties[0].institutionId;
    const ownerOfficer = officerOf(ownerCode);
    const instId = (code: string) => need(ids.institutions.get(code), `institution ${code}`);

    const finalApprovals = ag.approvals.filter((a) => a.version === n);
    const fullyApproved = content.parties.every((p) => finalApprovals.some((a) => instId(a.institution) === p.institutionId));
    const fullyApprovedAt = fullyApproved ? latest(finalApprovals.map((a) => a.at)) : null;
    const path = statusPath(ag, final, ownerCode, officerOf);
    const createdAt = ag.versions[0].at;

    const { id } = await tx
      .insertInto('agreements')
      .values({
        owner_institution_id: ownerId,
        kind: content.kind,
        parent_id: content.parentId,
        status: ag.status,
        visibility: ag.visibility,
        title_vi: content.titleVi,
        title_en: content.titleEn,
        start_date: content.startDate,
        end_date: content.endDate,
        signing_date: content.signingDate,
        current_version: n,
        content_hash: hashes[n - 1],
        fully_approved_at: fullyApprovedAt ? new Date(fullyApprovedAt) : null,
        status_reason: ag.statusReason ?? null,
        notice_date: ag.noticeDate ?? null,
        status_changed_at: path.length > 0 ? path[path.length - 1].at : createdAt,
        is_sample: true,
        created_by: userOf(ownerOfficer),
        created_at: createdAt,
        updated_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    agreementIds.set(ag.key, id);

    const events: Event[] = [];
    for (let i = 0; i < n; i++) {
      const v = ag.versions[i];
      const by = v.by ?? ownerOfficer;
      await tx
        .insertInto('agreement_versions')
        .values({
          agreement_id: id,
          version_no: i + 1,
          content: JSON.stringify(contents[i]),
          content_hash: hashes[i],
          change_note: v.changeNote ?? null,
          created_by: userOf(by),
          created_by_label: by ?? 'demo',
          created_at: v.at,
        })
        .execute();
      if (i === 0) {
        events.push({ at: v.at, actor: by, action: 'create', after: { versionNo: 1, contentHash: hashes[0], titleVi: contents[0].titleVi } });
      } else {
        const voided = ag.approvals.filter((a) => a.version === i).length;
        const changes = diffContent(contents[i - 1] as unknown as Record<string, unknown>, contents[i] as unknown as Record<string, unknown>).length;
        events.push({
          at: v.at,
          actor: by,
          action: 'update',
          after: { content: { fromVersion: i, toVersion: i + 1, contentHash: hashes[i], changes, voidedApprovals: voided } },
        });
      }
    }
    await writeProjections(tx, id, content);

    for (const ap of ag.approvals) {
      const officer = officerOf(ap.institution);
      const replaced = ap.version < n ? ag.versions[ap.version] : null;
      await tx
        .insertInto('agreement_approvals')
        .values({
          agreement_id: id,
          institution_id: instId(ap.institution),
          version_no: ap.version,
          content_hash: hashes[ap.version - 1],
          approved_by: userOf(officer),
          approved_by_label: officer ?? 'demo',
          approved_at: ap.at,
          voided_at: replaced ? new Date(replaced.at) : null,
          voided_by_version: replaced ? ap.version + 1 : null,
        })
        .execute();
      events.push({ at: ap.at, actor: officer, action: 'approve', after: { versionNo: ap.version, contentHash: hashes[ap.version - 1] } });
    }

    for (const cm of ag.comments) {
      const kind = cm.kind ?? 'comment';
      const row = await tx
        .insertInto('agreement_comments')
        .values({
          agreement_id: id,
          institution_id: instId(cm.institution),
          author_user_id: userOf(cm.by),
          author_label: cm.by,
          kind,
          area_key: cm.areaKey ?? null,
          clause: cm.clause ?? null,
          body: cm.body,
          version_no: cm.version,
          created_at: cm.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      events.push({ at: cm.at, actor: cm.by, action: kind === 'proposal' ? 'propose' : 'comment', after: { commentId: row.id, areaKey: cm.areaKey ?? null } });
    }

    for (const s of path) {
      events.push({
        at: s.at,
        actor: s.actor,
        action: 'status',
        before: { status: s.from },
        after: s.reason ? { status: s.to, reason: s.reason } : { status: s.to },
      });
    }

    if (files && IN_FORCE.includes(ag.status)) {
      const signedAt = ag.signedAt ?? dayAt(content.signingDate!, '10:00');
      const pdf = signedCopy(ag, content, hashes[n - 1], final.parties.map((p) => p.institution));
      const stored = await files.put(Readable.from(pdf), 1e7);
      const file = await tx
        .insertInto('files')
        .values({
          institution_id: ownerId,
          sha256: stored.sha256,
          size_bytes: stored.size,
          mime_type: 'application/pdf',
          original_name: `${ag.key}-signed-sample.pdf`,
          uploaded_by: userOf(ownerOfficer),
          created_at: signedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const title = `Bản ký (mẫu) – ${content.titleVi}`.slice(0, 300);
      const doc = await tx
        .insertInto('agreement_documents')
        .values({
          agreement_id: id,
          document_key: randomUUID(),
          revision: 1,
          kind: 'signed',
          title,
          file_id: file.id,
          institution_id: ownerId,
          uploaded_by_label: ownerOfficer ?? 'demo',
          created_at: signedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.updateTable('agreements').set({ signed_document_id: doc.id }).where('id', '=', id).execute();
      events.push({
        at: signedAt,
        actor: ownerOfficer,
        action: 'attach',
        after: { documentId: doc.id, kind: 'signed', title, revision: 1, sha256: stored.sha256, size: stored.size },
      });
    }

    // The timeline is read in id order, so the entries go in in time order (a stable sort keeps same-time
    // entries in the order they were produced).
    events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    await tx
      .insertInto('audit_log')
      .values(
        events.map((e) => ({
          actor_user_id: userOf(e.actor),
          actor_label: e.actor ?? 'system',
          entity: 'agreement',
          entity_id: id,
          action: e.action,
          before: e.before === undefined ? null : JSON.stringify(e.before),
          after: e.after === undefined ? null : JSON.stringify(e.after),
          created_at: e.at,
        })),
      )
      .execute();
    // Like every agreement entry (modules/agreements auditAgreement), these belong to the parties.
    await sql`INSERT INTO audit_owners (institution_id, created_at, audit_id)
      SELECT DISTINCT p.institution_id, a.created_at, a.id FROM audit_log a JOIN agreement_parties p ON p.agreement_id = ${id}::uuid
      WHERE a.entity = 'agreement' AND a.entity_id = ${id}`.execute(tx);
    await tx.updateTable('agreements').set({ updated_at: events[events.length - 1].at }).where('id', '=', id).execute();
  }
}

/** The demo's stand-in for a scanned signed agreement: one page saying what it is. */
function signedCopy(ag: DemoAgreement, content: Content, hash: string, partyCodes: string[]): Buffer {
  return demoPdf([
    'hoptac demo - signed copy (sample)',
    '',
    content.titleEn,
    content.titleVi,
    '',
    `Parties: ${partyCodes.join(', ')}`,
    `Signed: ${content.signingDate ?? '-'}${content.signingPlace ? `, ${content.signingPlace}` : ''}`,
    `In force: ${content.startDate} - ${content.endDate ?? 'open-ended'}`,
    `Version ${ag.versions.length}, content SHA-256: ${hash}`,
    '',
    'This file is sample data generated for the hoptac demo. It is not the real signed agreement.',
  ]);
}
