// Which locale key words a validation problem, most specific first, for the server (platform/errors.ts) and
// the web (lib/form-errors.ts) alike, so that both say the same thing:
// 1. `validationByField.<field>.<code>`: a message for one field ("Parties: an agreement needs at least 2
//    parties"), the field being the last named segment of the path (`content.parties` → `parties`);
// 2. `validation.<code>_<kind>` for the size codes: `too_small` / `too_big` of text (`_string`, characters),
//    numbers (`_number`: "at least 0"; `_number_exclusive`: "greater than 0") and lists (`_array`); and for
//    a wrong format, the format (`invalid_format_date`: "not a date, type dd/mm/yyyy");
// 3. `validation.<code>`.
// Every message starts with {{field}} (the field's name, and where it is in a list) once.

export interface ValidationDetail {
  /** What was measured: zod's `origin` of a size issue (string, number, array …). */
  origin?: string;
  /** Whether the bound itself is allowed (false for `.positive()`: greater than 0). */
  inclusive?: boolean;
  /** The expected format of an `invalid_format` issue (`date`, `email` …). */
  format?: string;
}

export function validationKeys(path: string, code: string, detail: ValidationDetail = {}): string[] {
  const field = path.split('.').filter((p) => !/^\d+$/.test(p)).at(-1);
  const keys = field ? [`validationByField.${field}.${code}`] : [];
  if ((code === 'too_small' || code === 'too_big') && detail.origin) {
    const kind = detail.origin === 'number' && detail.inclusive === false ? 'number_exclusive' : detail.origin;
    keys.push(`validation.${code}_${kind}`);
  }
  if (code === 'invalid_format' && detail.format) keys.push(`validation.invalid_format_${detail.format}`);
  keys.push(`validation.${code}`);
  return keys;
}
