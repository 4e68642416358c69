// Input problems found by the admission CLI. Every message has a stable code and lives here, so the
// web UI can later translate by code; the CLI prints the English text.

export const MESSAGES = {
  MISSING_FILE: 'cannot read the file: {detail}',
  FILE_TOO_LARGE: 'the file is too large for this command, which reads a file whole ({detail}); split it, e.g. the preferences by season or region',
  EMPTY_FILE: 'the file is empty (a header row is required)',
  NO_ROWS: 'the file has a header but no rows',
  MISSING_COLUMN: 'required column "{column}" is missing from the header',
  DUPLICATE_COLUMN: 'column "{column}" appears twice in the header',
  FIELD_COUNT: 'expected at least {expected} fields, found {found}',
  TOO_MANY_FIELDS: 'the row has {found} fields where the header has {expected}{hint}',
  UNTERMINATED_QUOTE: 'unterminated quoted field (line breaks inside quotes are not supported)',
  MISSING_VALUE: 'value is empty',
  NOT_A_NUMBER: '"{value}" is not a number',
  NEGATIVE_NUMBER: '"{value}" must not be negative',
  NOT_AN_INTEGER: '"{value}" is not a whole number',
  RANK_TOO_SMALL: 'rank must be 1 or more, found "{value}"',
  UNKNOWN_PROGRAM: 'unknown program "{value}" (not in programs.csv)',
  DUPLICATE_PROGRAM_ID: 'program "{value}" is already defined on line {other}',
  DUPLICATE_RANK: 'candidate "{candidate}" uses rank {value} twice (also on line {other})',
  DUPLICATE_APPLICATION: 'candidate "{candidate}" applies to program "{value}" twice (also on line {other})',
  LOTTERY_MISMATCH: 'candidate "{candidate}" has lottery number {value} here but {other} on line {line2}',
  INVALID_TIE_BREAK: 'tie_break "{value}" must be a ">"-separated chain of rank, c1, c2, lottery',
  INVALID_TIE_POLICY: 'tie_policy "{value}" must be strict, accept-all or reject-all',
  COLUMN_NEEDED: 'column "{column}" is needed because program "{value}" breaks ties by it',
  VALUE_OUT_OF_RANGE: '"{value}" is out of range ({detail})',
  UNKNOWN_VALUE: '"{value}" is not one of: {detail}',
  INCONSISTENT: '{detail}',
} as const;

export type ErrorCode = keyof typeof MESSAGES;

export interface InputError {
  file: string;
  /** 1-based line number; 0 when the problem concerns the whole file. */
  line: number;
  column?: string;
  code: ErrorCode;
  params: Record<string, string | number>;
}

export function messageOf(e: InputError): string {
  return MESSAGES[e.code].replace(/\{(\w+)\}/g, (_, k: string) => String(e.params[k] ?? `{${k}}`));
}

/** `file:line: column "x": message [CODE]`, one per line, files in the order read, then by line. */
export function formatErrors(errors: readonly InputError[]): string {
  const fileOrder = new Map<string, number>();
  for (const e of errors) if (!fileOrder.has(e.file)) fileOrder.set(e.file, fileOrder.size);
  const sorted = [...errors].sort((a, b) =>
    a.file === b.file ? a.line - b.line : (fileOrder.get(a.file) as number) - (fileOrder.get(b.file) as number),
  );
  return sorted
    .map((e) => `${e.file}${e.line > 0 ? `:${e.line}` : ''}: ${e.column ? `column "${e.column}": ` : ''}${messageOf(e)} [${e.code}]`)
    .join('\n');
}

/** Collects errors; `add` is cheap enough to call millions of times. */
export class ErrorList {
  readonly items: InputError[] = [];
  add(file: string, line: number, code: ErrorCode, params: Record<string, string | number> = {}, column?: string): void {
    this.items.push({ file, line, column, code, params });
  }
  get size(): number {
    return this.items.length;
  }
  /** Whether `file` could not be used at all (unreadable, empty, no rows, a required column missing). */
  fileUnusable(file: string): boolean {
    return this.items.some((e) => e.file === file && (e.line === 0 || e.code === 'MISSING_COLUMN'));
  }
}
