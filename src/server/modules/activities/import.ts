import { createHash } from 'node:crypto';
import { ActivityImportMode, type ActivityImportResult } from '../../../contracts/activities.ts';
import { tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { type RequestContext, requireActor } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { checkRow, localize, type References } from './import/check-row.ts';
import { type Column, columnOf, label, REQUIRED_COLUMNS, UUID } from './import/columns.ts';
import { cellText, fileIssue, importOutcome, MAX_IMPORT_ROWS, readAll, readTable, tableColumns, tokens, uploadMode } from './import/read-file.ts';
import type { ImportUpload } from '../http.ts';
import * as repo from './repository.ts';
import { agreementForActivities, columnsOf, loadCheckContext, recordingAreas } from './service.ts';

export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './import/read-file.ts';
export { importTemplate } from './import/template.ts';

// Bulk import of activities from an XLSX or CSV file (issue 10, item 5): a template to fill in, then a preview (every
// bad row with its column and reason, in the reader's language), `all` (every row or none, one transaction) or
// `valid-only`. Each row is held to exactly the rules of createActivity: the CreateActivity schema, then the
// service's activityIssues with the same check context; the file adds its own parse problems (a date that is no
// date, a code no institution has). The same file (SHA-256 of its bytes) under the same agreement is imported once.
// This file reads the upload and writes the import; the steps are in import/: template.ts (the file to fill in),
// read-file.ts (bytes → a table of cells), columns.ts (the file's columns and lists), check-row.ts (a row → the
// input of createActivity, or its problems by column).

export type { ImportUpload };

export async function importActivities(
  deps: AppDeps,
  ctx: RequestContext,
  agreementId: string,
  readUpload: () => Promise<ImportUpload | undefined>,
): Promise<ActivityImportResult> {
  const actor = requireActor(ctx);
  // Before reading the file: 404 unless a party reads the agreement's activities, 403 unless the actor records some.
  await recordingAreas(deps.db, actor, await agreementForActivities(deps.db, ctx, agreementId));
  const upload = await readUpload();
  if (!upload) throw fileIssue('required');
  const chosen = uploadMode(upload, ActivityImportMode);
  const bytes = await readAll(upload.stream);
  if (bytes.length === 0) throw fileIssue('no_rows');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const table = await readTable(bytes);

  // The header: which column is where.
  const { rows, cellOf: cellAt } = tableColumns(table, columnOf, REQUIRED_COLUMNS, (c) => label(ctx.lang, c), MAX_IMPORT_ROWS);
  const cellOf = (r: (typeof rows)[number]) => (c: Column) => cellAt(r, c);

  const result = await inTransaction(deps.db, async (tx) => {
    // Writes under the agreement's row lock, as createActivity: its parties, areas and period cannot change meanwhile,
    // and two uploads of one file are one after the other.
    const agreement = await agreementForActivities(tx, ctx, agreementId, chosen !== 'preview');
    const where = await recordingAreas(tx, actor, agreement);
    const scope = tenantScope(ctx);
    const column = (c: Column) => rows.map((r) => cellText(cellOf(r)(c)));
    const codes = new Set<string>();
    for (const text of column('organisers')) for (const code of tokens(text).flatMap((t) => t.split(','))) if (code.trim()) codes.add(code.trim());
    for (const text of column('counts')) for (const entry of tokens(text)) codes.add(entry.split(':')[0].trim());
    const people = column('participants').flatMap((text) => tokens(text).map((entry) => entry.split(':')[0].trim()));
    const refs: References = {
      institutions: await repo.institutionsByCode(tx, scope, [...codes].filter((c) => c !== '' && !c.includes('\u0000'))),
      emails: await repo.peopleByEmail(tx, scope, [...new Set(people.filter((p) => p.includes('@') && !p.includes('\u0000')))], agreement.party_ids),
    };
    const personIds = [...new Set([...people.filter((p) => UUID.test(p)).map((p) => p.toLowerCase()), ...[...refs.emails.values()].flat()])];
    const context = await loadCheckContext(tx, ctx, agreement, personIds, null);
    const checked = rows.map((r) => checkRow(deps, agreement, where, context, refs, cellOf(r), r.row));
    const valid = checked.filter((r) => r.problems.length === 0);
    const before = await repo.findImport(tx, agreement.id, sha256);
    const { result: base, save } = importOutcome({
      mode: chosen,
      sha256,
      rows: rows.length,
      validRows: valid.length,
      checkedRows: checked.length,
      problems: checked.flatMap((r) => r.problems.map((p) => localize(ctx.lang, p, r.row))),
      before,
    });
    if (!save) return base;

    const made = await repo.insertImport(tx, { agreement_id: agreement.id, sha256, institution_id: actor.institutionId, created_by: actor.userId, rows_created: valid.length });
    const ids = await repo.insertActivities(
      tx,
      valid.map(({ input }) => ({
        agreement_id: agreement.id,
        ...columnsOf(input!),
        created_by: actor.userId,
        created_by_label: actor.label,
        import_id: made.id,
      })),
    );
    await repo.insertLinksEach(
      tx,
      valid.map((r, i) => ({ activityId: ids[i], links: { organiserIds: r.input!.organiserIds, participants: r.participants!, counts: r.input!.counts } })),
    );
    await recordAudit(tx, ctx, {
      entity: 'activity',
      entityId: ids[0],
      action: 'import',
      owners: agreement.party_ids,
      after: { agreementId: agreement.id, importId: made.id, sha256, fileName: upload.fileName.slice(0, 300), mode: chosen, rows: rows.length, created: ids.length },
    });
    return { ...base, importId: made.id, importedAt: new Date(made.created_at).toISOString(), created: ids.length };
  });
  return result;
}
