import { z } from 'zod';
import { ActivityListQuery } from './activities.ts';
import { IdParams, Int32Param, Language, PositiveInt32Param } from './common.ts';
import { InstitutionListQuery, PeopleListQuery } from './directory.ts';

// Reports: files generated from the records on request (nothing stored) — PDF reports per agreement and per
// institution, the annual report of international cooperation as XLSX, XLSX of lists, and the agreement ready to
// sign (DOCX and PDF). Texts are in the reader's language (`lang`, else the account's, else Accept-Language).

export const ReportLanguage = Language.optional().describe("The document's language; default: the account's language, else Accept-Language, else Vietnamese");
export const ReportYear = Int32Param.min(1900).max(2200).optional().describe('Calendar year; default: the current one');

export const YearReportQuery = z.object({ year: ReportYear, lang: ReportLanguage });
export const SigningParams = IdParams.extend({ versionNo: PositiveInt32Param });
export const SigningQuery = z.object({ lang: ReportLanguage.describe('The language of the headings around the bilingual clauses') });

/** The activities list's own filters (every page: at most MAX_LIST_ROWS rows). */
export const ActivitiesExportQuery = ActivityListQuery.omit({ limit: true, cursor: true }).extend({ lang: ReportLanguage });
export const PeopleExportQuery = PeopleListQuery.omit({ limit: true, cursor: true }).extend({ lang: ReportLanguage });
export const InstitutionsExportQuery = InstitutionListQuery.omit({ limit: true, cursor: true }).extend({ lang: ReportLanguage });

/** The most rows a list export writes (the list is cut, never refused). */
export const MAX_LIST_ROWS = 20_000;

export const MIME = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
