import type { Tx } from '../platform/db.ts';
import { activityId, demoUuid } from './activities-loader.ts';
import { demoAgreements, officerAccounts } from './data/agreements.ts';
import { demoDelegations } from './data/delegations.ts';
import { demoAccounts } from './data/index.ts';
import type { DemoIds } from './load.ts';

// Loads the demo delegations (data/delegations.ts) inside the demo transaction, after the activities: the rows the
// delegations service writes (delegations, delegation_members, delegation_guests, delegation_approvers), every one
// `is_sample`, prepared by the handling institution's cooperation officer, timestamps from the data. A done
// delegation links the activity its report became (a demo activity). Ids come from the data's keys and every insert
// skips existing rows, so loading twice changes nothing.

export const delegationId = (key: string) => demoUuid(`delegation:${key}`);
const at = (date: string, days: number, time: string) => new Date(Date.parse(`${date}T${time}:00+07:00`) + days * 86_400_000);

export async function loadDemoDelegations(tx: Tx, ids: DemoIds): Promise<void> {
  const officers = officerAccounts(demoAccounts);
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`demo delegations: unknown ${what}`);
    return value;
  };
  const agreements = await tx.selectFrom('agreements').select(['id', 'title_vi', 'start_date']).where('is_sample', '=', true).execute();
  const agreementId = (key: string) => {
    const ag = need(demoAgreements.find((a) => a.key === key), `agreement ${key}`);
    const content = ag.versions[ag.versions.length - 1].content;
    const found = agreements.filter((r) => r.title_vi === content.titleVi && String(r.start_date) === content.startDate);
    if (found.length !== 1) throw new Error(`demo delegations: agreement ${key} found ${found.length} times`);
    return found[0].id;
  };
  for (const d of demoDelegations) {
    const id = delegationId(d.key);
    const institutionId = need(ids.institutions.get(d.institution), `institution ${d.institution}`);
    const officer = need(officers.get(d.institution), `officer of ${d.institution}`);
    const created = at(d.start, -40, '09:00');
    const submitted = d.status === 'draft' ? null : at(d.start, -35, '10:00');
    const decided = d.decision ? at(d.start, -30, '15:00') : null;
    const updated = d.status === 'done' ? at(d.end, 3, '16:00') : (decided ?? submitted ?? created);
    const decider = d.decision ? need(ids.users.get(d.decision.by), `account ${d.decision.by}`) : null;
    const inserted = await tx
      .insertInto('delegations')
      .values({
        id,
        agreement_id: agreementId(d.agreement),
        institution_id: institutionId,
        partner_id: need(ids.institutions.get(d.partner), `institution ${d.partner}`),
        area_key: d.area,
        direction: d.direction,
        status: d.status,
        title_vi: d.titleVi,
        title_en: d.titleEn,
        purpose_vi: d.purposeVi,
        purpose_en: d.purposeEn,
        start_date: d.start,
        end_date: d.end,
        budget_source: d.budgetSource,
        budget_note: d.budgetNote ?? '',
        lodging: d.lodging ?? '',
        programme: JSON.stringify(d.programme ?? []),
        submitted_at: submitted,
        decision: d.decision ? 'approve' : null,
        decided_by: decider,
        decided_by_label: d.decision ? d.decision.by : null,
        decided_at: decided,
        decision_comment: d.decision?.comment ?? null,
        outcomes: d.outcomes ?? null,
        activity_id: d.activity ? activityId(d.activity) : null,
        guests_erased_at: d.erased ? at(d.end, 31, '08:20') : null,
        is_sample: true,
        created_by: ids.users.get(officer) ?? null,
        created_by_label: officer,
        created_at: created,
        updated_at: updated,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) continue; // loaded before
    if (d.members.length > 0) {
      await tx
        .insertInto('delegation_members')
        .values(
          d.members.map((m, i) => ({
            delegation_id: id,
            person_id: need(ids.people.get(m.person), `person ${m.person}`),
            institution_id: institutionId,
            role: m.role,
            position: i,
          })),
        )
        .execute();
    }
    const guests = d.guests ?? [];
    if (guests.length > 0) {
      const erasedAt = d.erased ? at(d.end, 31, '08:20') : null;
      await tx
        .insertInto('delegation_guests')
        .values(
          guests.map((g, i) => ({
            id: demoUuid(`delegation-guest:${d.key}:${i}`),
            delegation_id: id,
            position: i,
            full_name: erasedAt ? null : g.fullName,
            title: erasedAt ? null : g.title,
            gender: erasedAt ? null : g.gender,
            date_of_birth: erasedAt ? null : g.dateOfBirth,
            nationality: erasedAt ? null : g.nationality,
            passport_number: erasedAt ? null : g.passportNumber,
            passport_expiry: erasedAt ? null : g.passportExpiry,
            erased_at: erasedAt,
          })),
        )
        .execute();
    }
  }
}
