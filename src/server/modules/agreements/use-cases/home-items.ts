import type { HomeItem, HomeSection } from '../../../../contracts/home.ts';
import { EDITABLE } from '../../../../engines/agreements/lifecycle.ts';
import { type Language, translate } from '../../../../locales/index.ts';
import { tenantScope } from '../../../platform/access.ts';
import { requireActor, type RequestContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { visibleAgreementIds } from '../access.ts';
import { shiftDate, todayIn } from '../dates.ts';
import { canDiscuss, canDraft, canRead } from '../policy.ts';
import * as repo from '../repository.ts';

// The agreements module's sections of the home page (home/registry.ts), by what the caller may do
// (policy.ts) and read (access.ts):
//  - approvals waiting: whoever acts for a party (officers, admins, API tokens that write) — the agreements
//    in negotiation or awaiting approval whose current version their institution has not approved; platform
//    admins, who operate the platform, see every agreement still missing an approval, and whose;
//  - comments and proposals to answer: whoever takes part in a party's negotiation (officers, admins,
//    coordinators) — the latest comment or proposal of another party since their institution's last one, on
//    agreements being negotiated (on agreements in force, of the last 30 days);
//  - expiring within 90 days: those who act for a party (their institution's agreements; platform admins all)
//    and points of contact (the agreements of their areas);
//  - my areas as point of contact: users whose person is a point of contact (and negotiators, who may become one);
//  - agreements open to me: members and students — exchange, internship and training agreements in force;
//  - partners' recent activity (14 days): negotiators (platform admins: everybody's) — approvals, comments,
//    proposals and status changes by the other parties, each named by their title and name.
// Every list goes through the module's visibility check (`visibleAgreementIds`) before it is shown, so what
// the caller may not read is neither listed nor counted.

const EXPIRING_WITHIN_DAYS = 90;
const ACTIVITY_DAYS = 14;
/** Comments on an agreement in force wait for an answer this long; on one being negotiated, until answered. */
const IN_FORCE_COMMENT_DAYS = 30;
/** Rows read per section before the visibility check; a section counts at most this many. */
const CANDIDATES = 100;
const OPPORTUNITY_KINDS = ['exchange', 'internship', 'training'] as const;
const EXCERPT = 140;

const path = (id: string) => `/agreements/${id}`;
const titleIn = (lang: Language, row: { title_vi: string; title_en: string }) => (lang === 'vi' ? row.title_vi : row.title_en);
const textIn = (lang: Language, vi: string | null, en: string | null) => (lang === 'vi' ? (vi ?? en) : (en ?? vi)) ?? '';
const excerpt = (body: string) => {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1).trimEnd()}…` : flat;
};
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const section = (what: string, count: number, items: HomeItem[], extra: Pick<HomeSection, 'action' | 'morePath'> = {}): HomeSection => ({
  key: `agreements.${what}`,
  titleKey: `home.sections.${what}.title`,
  emptyKey: `home.sections.${what}.empty`,
  count,
  items,
  ...extra,
});

/** What needs the caller about agreements: the sections above that are for them, in that order. */
export async function agreementHomeSections(deps: AppDeps, ctx: RequestContext): Promise<HomeSection[]> {
  const actor = requireActor(ctx);
  if (!canRead(actor)) return [];
  const { db } = deps;
  const lang = ctx.lang;
  const scope = tenantScope(ctx);
  const operator = scope.allInstitutions;
  const own = [actor.institutionId];
  const acts = canDraft(actor);
  const negotiates = canDiscuss(actor, own);
  const personId = actor.userId ? await repo.personOfUser(db, actor.userId) : null;
  const isContact = personId !== null && (await repo.isContactOfOpenAgreement(db, personId));
  const now = deps.clock.now();
  const today = todayIn(now);

  /** The rows whose agreement the caller may read (access.ts), in their order. */
  async function readable<T>(rows: T[], agreementOf: (row: T) => string): Promise<T[]> {
    const ok = new Set(await visibleAgreementIds(db, ctx, rows.map(agreementOf)));
    return rows.filter((r) => ok.has(agreementOf(r)));
  }

  const sections: HomeSection[] = [];

  if (acts) {
    const rows = await readable(await repo.agreementsAwaitingApproval(db, scope, operator ? null : actor.institutionId, CANDIDATES), (r) => r.id);
    sections.push(
      section(
        'approvals',
        rows.length,
        rows.map((r) => ({
          id: r.id,
          path: path(r.id),
          title: titleIn(lang, r),
          detail: translate(lang, 'homeItems.agreements.awaiting', { version: r.current_version, parties: r.missing_codes.join(', ') }),
          date: null,
          time: r.updated_at.toISOString(),
          badgeKey: `statuses.${r.status}`,
        })),
        { action: { labelKey: 'home.actions.draftAgreement', path: '/agreements/new' } },
      ),
    );
  }

  if (negotiates) {
    const recentSince = new Date(`${shiftDate(today, { days: -IN_FORCE_COMMENT_DAYS })}T00:00:00+07:00`);
    const rows = await readable(
      await repo.commentsAwaitingAnswer(db, scope, { institutionId: actor.institutionId, negotiating: [...EDITABLE], recentSince, limit: CANDIDATES }),
      (r) => r.agreement_id,
    );
    sections.push(
      section(
        'discussion',
        rows.length,
        rows.map((r) => {
          const area = textIn(lang, r.area_title_vi, r.area_title_en);
          const key = `homeItems.agreements.${r.kind}${area ? 'OnArea' : ''}`;
          return {
            id: r.id,
            path: path(r.agreement_id),
            title: titleIn(lang, r),
            detail: translate(lang, key, { name: r.author_name, code: r.institution_code, area, excerpt: excerpt(r.body) }),
            date: null,
            time: new Date(r.created_at).toISOString(),
            badgeKey: `statuses.${r.status}`,
          };
        }),
        { action: { labelKey: 'home.actions.browseAgreements', path: '/agreements' } },
      ),
    );
  }

  if (acts || isContact) {
    const rows = await readable(
      await repo.agreementsExpiringSoon(db, scope, {
        institutionId: acts ? actor.institutionId : null,
        allInstitutions: acts && operator,
        personId,
        today,
        days: EXPIRING_WITHIN_DAYS,
        limit: CANDIDATES,
      }),
      (r) => r.id,
    );
    sections.push(
      section(
        'expiring',
        rows.length,
        rows.map((r) => {
          const days = daysBetween(today, r.end_date!);
          return {
            id: r.id,
            path: path(r.id),
            title: titleIn(lang, r),
            detail: days === 0 ? translate(lang, 'homeItems.agreements.endsToday') : translate(lang, 'homeItems.agreements.endsIn', { days }),
            date: r.end_date,
            time: null,
            badgeKey: `statuses.${r.status}`,
          };
        }),
        acts ? { morePath: `/agreements?expiringWithinDays=${EXPIRING_WITHIN_DAYS}&sort=end` } : {},
      ),
    );
  }

  if (personId !== null && (isContact || negotiates)) {
    const rows = await readable(await repo.areasWithContact(db, scope, personId, { includeClosed: false, limit: CANDIDATES }), (r) => r.id);
    sections.push(
      section(
        'myAreas',
        rows.length,
        rows.map((r) => ({
          id: `${r.id}/${r.area_key}`,
          path: path(r.id),
          title: titleIn(lang, r),
          detail: translate(lang, 'homeItems.agreements.contactFor', { area: textIn(lang, r.area_title_vi, r.area_title_en) || r.area_key }),
          date: r.end_date,
          time: null,
          badgeKey: `statuses.${r.status}`,
        })),
      ),
    );
  }

  if (!acts && !negotiates && !operator) {
    const rows = await readable(await repo.agreementsInForceWithAreas(db, scope, actor.institutionId, OPPORTUNITY_KINDS, CANDIDATES), (r) => r.id);
    sections.push(
      section(
        'openToMe',
        rows.length,
        rows.map((r) => ({
          id: r.id,
          path: path(r.id),
          title: titleIn(lang, r),
          detail: translate(lang, 'homeItems.agreements.areas', { areas: r.areas.map((a) => textIn(lang, a.titleVi, a.titleEn)).join('; ') }),
          date: r.end_date,
          time: null,
          badgeKey: `statuses.${r.status}`,
        })),
        { action: { labelKey: 'home.actions.browseAgreements', path: '/agreements' } },
      ),
    );
  }

  if (negotiates || operator) {
    const since = new Date(`${shiftDate(today, { days: -ACTIVITY_DAYS })}T00:00:00+07:00`);
    const rows = await readable(await repo.partnerActivity(db, scope, operator ? null : actor.institutionId, since, CANDIDATES), (r) => r.agreement_id);
    sections.push(
      section(
        'activity',
        rows.length,
        rows.map((r) => {
          const after = (r.after ?? {}) as { versionNo?: number; status?: string };
          return {
            id: String(r.id),
            path: path(r.agreement_id),
            title: titleIn(lang, r),
            detail: translate(lang, `homeItems.agreements.activity.${r.action}`, {
              name: r.actor_name,
              code: r.institution_code,
              version: after.versionNo ?? '',
              status: after.status ? `statuses.${after.status}` : '',
            }),
            date: null,
            time: new Date(r.created_at).toISOString(),
            badgeKey: `statuses.${r.status}`,
          };
        }),
      ),
    );
  }

  return sections;
}
