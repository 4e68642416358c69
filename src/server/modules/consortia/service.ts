import type { z } from 'zod';
import type { CreateConsortium } from '../../../contracts/directory.ts';
import { tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { type Db, inTransaction, type Tx } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { requireConsortiumManager, requireConsortiumReader } from './policy.ts';
import * as repo from './repository.ts';

// Consortia are the explicit links through which institutions see each other's directories.
// Members see the consortia they belong to; platform admins manage them (consortia/policy.ts).
function presentConsortium(c: repo.ConsortiumRecord) {
  return {
    id: c.id,
    code: c.code,
    nameVi: c.name_vi,
    nameEn: c.name_en,
    descriptionVi: c.description_vi,
    descriptionEn: c.description_en,
    members: c.members,
  };
}

async function loadConsortia(db: Db | Tx, ctx: RequestContext, id?: string) {
  return (await repo.listConsortia(db, tenantScope(ctx), id)).map(presentConsortium);
}

export async function listConsortia(deps: AppDeps, ctx: RequestContext) {
  requireConsortiumReader(ctx);
  return { items: await loadConsortia(deps.db, ctx) };
}

export async function createConsortium(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof CreateConsortium>) {
  requireConsortiumManager(ctx);
  return inTransaction(deps.db, async (tx) => {
    const id = await repo.insertConsortium(tx, {
      code: input.code,
      name_vi: input.nameVi,
      name_en: input.nameEn,
      description_vi: input.descriptionVi,
      description_en: input.descriptionEn,
    });
    await repo.setMembers(tx, id, input.memberIds);
    const [created] = await loadConsortia(tx, ctx, id);
    await recordAudit(tx, ctx, { entity: 'consortium', entityId: id, action: 'create', owners: created.members.map((m) => m.id), after: created });
    return created;
  });
}

export async function setConsortiumMembers(deps: AppDeps, ctx: RequestContext, id: string, memberIds: string[]) {
  requireConsortiumManager(ctx);
  return inTransaction(deps.db, async (tx) => {
    const [before] = await loadConsortia(tx, ctx, id);
    if (!before) throw notFound('consortium');
    await repo.setMembers(tx, id, [...new Set(memberIds)]);
    const [after] = await loadConsortia(tx, ctx, id);
    await recordAudit(tx, ctx, { entity: 'consortium', entityId: id, action: 'set_members', owners: [...before.members, ...after.members].map((m) => m.id), before, after });
    return after;
  });
}
