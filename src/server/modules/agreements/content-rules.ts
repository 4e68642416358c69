import type { AgreementContent } from '../../../contracts/agreements.ts';
import { contentDateProblems, type DateRules } from '../../../engines/agreements/date-rules.ts';
import type { TenantScope } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { AppError, type FieldIssue } from '../../platform/errors.ts';
import * as repo from './repository.ts';

/**
 * Who writes the content, for the contacts they name: each new point of contact must be a person `scope` may see
 * in the directory (own, or shared with the consortium) — naming a person makes their name readable to every
 * party, so a party cannot name, and thereby read, a private person of another institution. Contacts the
 * agreement `agreementId` already has stay (another party may have named its own private person).
 */
export interface ContentAuthor {
  scope: TenantScope;
  agreementId?: string;
}

// Rules of an agreement's content that a schema cannot say: every reference must point at a party,
// contacts must work for the party they speak for and be people the author may see, keys are unique, dates
// are in order. `author`: who writes it (absent for content the platform writes: demo data, renewals of
// content already checked).
// `dates`: the years and the day dates users enter are held to (engines/agreements/date-rules.ts; absent for content
// the platform writes).
export async function checkContent(
  db: Db | Tx,
  content: AgreementContent,
  options: { requiredParty: string | null; author?: ContentAuthor; dates?: DateRules },
): Promise<void> {
  const issues: FieldIssue[] = [];
  const at = (path: string, code: string) => issues.push({ field: `content.${path}`, code });
  if (options.dates) {
    for (const p of contentDateProblems(content, options.dates)) issues.push({ field: `content.${p.path}`, code: p.code, params: p.params });
  }
  const parties = content.parties.map((p) => p.institutionId);
  const partySet = new Set(parties);
  if (partySet.size !== parties.length) at('parties', 'duplicate');
  if (options.requiredParty && !partySet.has(options.requiredParty)) at('parties', 'own_institution_required');
  if (content.endDate && content.endDate < content.startDate) at('endDate', 'before_start');
  if (content.renewal === 'automatic' && !content.renewalYears) at('renewalYears', 'required');
  if ((content.kind === 'specific' || content.kind === 'annex') && !content.parentId) at('parentId', 'required');

  const areaKeys = new Set<string>();
  const contactPeople: { path: string; personId: string; institutionId: string }[] = [];
  content.areas.forEach((area, i) => {
    if (areaKeys.has(area.key)) at(`areas.${i}.key`, 'duplicate');
    areaKeys.add(area.key);
    const contactParties = new Set<string>();
    area.contacts.forEach((c, j) => {
      if (!partySet.has(c.institutionId)) at(`areas.${i}.contacts.${j}.institutionId`, 'not_a_party');
      if (contactParties.has(c.institutionId)) at(`areas.${i}.contacts.${j}.institutionId`, 'duplicate');
      contactParties.add(c.institutionId);
      contactPeople.push({ path: `areas.${i}.contacts.${j}.personId`, personId: c.personId, institutionId: c.institutionId });
    });
    const commitmentKeys = new Set<string>();
    area.commitments.forEach((c, j) => {
      if (commitmentKeys.has(c.key)) at(`areas.${i}.commitments.${j}.key`, 'duplicate');
      commitmentKeys.add(c.key);
      if (!partySet.has(c.fromInstitutionId)) at(`areas.${i}.commitments.${j}.fromInstitutionId`, 'not_a_party');
      if (c.toInstitutionId && !partySet.has(c.toInstitutionId)) at(`areas.${i}.commitments.${j}.toInstitutionId`, 'not_a_party');
    });
    const targetKeys = new Set<string>();
    area.targets.forEach((t, j) => {
      if (targetKeys.has(t.key)) at(`areas.${i}.targets.${j}.key`, 'duplicate');
      targetKeys.add(t.key);
      if (t.periodEnd < t.periodStart) at(`areas.${i}.targets.${j}.periodEnd`, 'before_start');
    });
  });

  if (contactPeople.length > 0) {
    const ids = contactPeople.map((c) => c.personId);
    const { author } = options;
    const [rows, visible, kept] = await Promise.all([
      repo.activePeopleInstitutions(db, ids),
      author ? repo.visiblePeopleIds(db, author.scope, ids) : Promise.resolve(null),
      author?.agreementId ? repo.contactPersonIds(db, author.agreementId) : Promise.resolve(new Set<string>()),
    ]);
    const institutionOf = new Map(rows.map((r) => [r.id, r.institution_id]));
    for (const c of contactPeople) {
      const inst = institutionOf.get(c.personId);
      // A person the author may not see is answered as one that does not exist: the same code, nothing more.
      const hidden = visible !== null && !visible.has(c.personId) && !kept.has(c.personId);
      if (!inst || hidden) at(c.path, 'unknown_reference');
      else if (inst !== c.institutionId) at(c.path, 'wrong_institution');
    }
  }
  if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
}
