// The dates of an agreement's content that make sense, beyond being real calendar dates (the contract's
// IsoDate): every date within the platform's years (DATE_MIN_YEAR–DATE_MAX_YEAR, configured on the server,
// read by the web from /me), and a signing date that is not in the future. The server's content rules
// (agreements/content-rules.ts) and the web's editor (editor-model.ts) both ask this, so they agree.

export interface DateRules {
  /** The first and last year a date may fall in. */
  minYear: number;
  maxYear: number;
  /** The platform's calendar day, YYYY-MM-DD (Vietnam). */
  today: string;
}

/** A problem at a path of the content (`signingDate`, `areas.0.targets.1.periodEnd`), with its code and message parameters. */
export interface DateProblem {
  path: string;
  code: 'date_range' | 'future_date';
  params: Record<string, number | string>;
}

interface DatedContent {
  signingDate?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  areas?: { targets?: { periodStart?: string | null; periodEnd?: string | null }[] }[];
}

const ISO = /^(\d{4})-\d\d-\d\d$/;

/** The year-range problem of one date, if any (text that is not YYYY-MM-DD is left to the format check). */
export function yearProblem(path: string, value: string | null | undefined, rules: Pick<DateRules, 'minYear' | 'maxYear'>): DateProblem[] {
  const m = value ? ISO.exec(value) : null;
  if (!m) return [];
  const year = Number(m[1]);
  return year < rules.minYear || year > rules.maxYear ? [{ path, code: 'date_range', params: { minimum: rules.minYear, maximum: rules.maxYear } }] : [];
}

/** The problems of the content's dates: outside the years, or signed after today. */
export function contentDateProblems(content: DatedContent, rules: DateRules): DateProblem[] {
  const signed = content.signingDate;
  const signing = yearProblem('signingDate', signed, rules);
  if (signing.length === 0 && signed && ISO.test(signed) && signed > rules.today) {
    signing.push({ path: 'signingDate', code: 'future_date', params: { today: rules.today } });
  }
  return [
    ...signing,
    ...yearProblem('startDate', content.startDate, rules),
    ...yearProblem('endDate', content.endDate, rules),
    ...(content.areas ?? []).flatMap((area, i) =>
      (area.targets ?? []).flatMap((target, j) => [
        ...yearProblem(`areas.${i}.targets.${j}.periodStart`, target.periodStart, rules),
        ...yearProblem(`areas.${i}.targets.${j}.periodEnd`, target.periodEnd, rules),
      ]),
    ),
  ];
}
