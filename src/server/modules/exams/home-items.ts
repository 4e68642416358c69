import type { HomeItem, HomeSection } from '../../../contracts/home.ts';
import { translate } from '../../../locales/index.ts';
import { tenantScope } from '../../platform/access.ts';
import { can } from '../../platform/capabilities.ts';
import { type RequestContext, requireActor } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { todayIn } from '../agreements/dates.ts';
import { examReach, mayCreateExams } from './policy.ts';
import * as repo from './repository.ts';

// The exams module's sections of the home page (home/registry.ts):
//  - my institution's exams (exam organisers, admins): drafts first — import the candidates, then publish;
//  - results shared with my institution (admissions officers, admins): published exams of organisers with an
//    admissions agreement in force, with how many candidates consent to my institution.
// A section shows when it has something, or (empty, with what to do next) to the role it is for: exam organisers,
// admissions officers. Platform admins, who run no exam, see no section here.

const SHOWN = 5;

export async function examHomeSections(deps: AppDeps, ctx: RequestContext): Promise<HomeSection[]> {
  const actor = requireActor(ctx);
  if (actor.roles.includes('platform_admin')) return [];
  const reach = examReach(actor);
  const sections: HomeSection[] = [];
  const lang = ctx.lang;
  const scope = tenantScope(ctx);
  const today = todayIn(deps.clock.now());
  const title = (e: repo.ExamRow) => (lang === 'vi' ? e.title_vi : e.title_en);
  // Numbers as the language writes them (13.058 in Vietnamese, 13,058 in English).
  const number = (n: number) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);
  if (can(actor, 'exams.read')) {
    const mine = (await repo.listExams(deps.db, scope, { own: true, shared: false, today }))
      .filter((e) => e.institution_id === actor.institutionId)
      .sort((a, b) => (a.status === b.status ? 0 : a.status === 'draft' ? -1 : 1));
    if (mine.length > 0 || actor.roles.includes('exam_organiser'))
      sections.push({
        key: 'exams.mine',
        titleKey: 'home.sections.examsMine.title',
        emptyKey: 'home.sections.examsMine.empty',
        count: mine.length,
        items: mine.slice(0, SHOWN).map(
          (e): HomeItem => ({
            id: e.id,
            path: `/exams/${e.id}`,
            title: title(e),
            detail: translate(lang, e.status === 'draft' ? 'homeItems.examDraft' : 'homeItems.examPublished', { count: number(e.candidate_count) }),
            date: null,
            time: e.published_at ? new Date(e.published_at).toISOString() : null,
            badgeKey: `exams.status.${e.status}`,
          }),
        ),
        ...(mayCreateExams(actor) ? { action: { labelKey: 'home.sections.examsMine.action', path: '/exams' } } : {}),
        ...(mine.length > SHOWN ? { morePath: '/exams' } : {}),
      });
  }
  if (reach.shared) {
    const shared = (await repo.listExams(deps.db, scope, { own: false, shared: true, today })).filter(
      (e) => e.institution_id !== actor.institutionId,
    );
    const consenting = await repo.consentCounts(
      deps.db,
      shared.map((e) => e.id),
      actor.institutionId,
    );
    if (shared.length > 0 || actor.roles.includes('admissions_officer'))
      sections.push({
        key: 'exams.shared',
        titleKey: 'home.sections.examsShared.title',
        emptyKey: 'home.sections.examsShared.empty',
        count: shared.length,
        items: shared.slice(0, SHOWN).map(
          (e): HomeItem => ({
            id: e.id,
            path: `/exams/${e.id}`,
            title: title(e),
            detail: translate(lang, 'homeItems.examShared', {
              organiser: lang === 'vi' ? e.institution_name_vi : e.institution_name_en,
              count: number(consenting.get(e.id) ?? 0),
            }),
            date: null,
            time: null,
            badgeKey: null,
          }),
        ),
        ...(shared.length > SHOWN ? { morePath: '/exams' } : {}),
      });
  }
  return sections;
}
