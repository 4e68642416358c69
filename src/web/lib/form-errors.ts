import { notifications } from '@mantine/notifications';
import type { z } from 'zod';
import { ApiError } from './api.ts';
import { yearProblem } from '../../engines/agreements/date-rules.ts';
import { fieldLabel } from '../../locales/field-label.ts';
import { validationKeys } from '../../locales/validation-keys.ts';
import type { FieldProblem } from './api.ts';
import { i18n } from './i18n.ts';

// Errors in forms, one way: zod issues from the contracts and the server's field problems both become
// messages under the matching input, worded with the same `validation.*` and `fields.*` keys the server
// uses; everything else becomes a notification. A message names its field once: under an input, whose label
// names it already, it is said without the field ("Required."); in a list of problems or an alert, with it
// ("English title: required.").

type Issue = z.core.$ZodIssue;
type FormErrors = Record<string, string>;

function issueCode(issue: Issue): { code: string; params: Record<string, unknown> } {
  switch (issue.code) {
    case 'invalid_type':
      return { code: issue.input === undefined || issue.input === null ? 'required' : 'invalid_type', params: {} };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { code: 'required', params: {} };
      return { code: 'too_small', params: { minimum: Number(issue.minimum), origin: issue.origin, inclusive: issue.inclusive } };
    case 'too_big':
      return { code: 'too_big', params: { maximum: Number(issue.maximum), origin: issue.origin, inclusive: issue.inclusive } };
    case 'invalid_format':
      return { code: 'invalid_format', params: { format: issue.format } };
    case 'invalid_value':
      return { code: issue.input === undefined || issue.input === null ? 'required' : 'invalid_value', params: {} };
    case 'unrecognized_keys':
      return { code: 'unrecognized_keys', params: { keys: issue.keys.join(', ') } };
    default:
      return { code: 'invalid', params: {} };
  }
}

/**
 * A problem of `field` (its name in `fields.*`) worded as the server words it: the most specific message there is
 * (locales/validation-keys.ts: for this field, for text, numbers or lists, else for the code).
 */
export function fieldMessage(field: string, code: string, params: Record<string, unknown> = {}): string {
  const { origin, inclusive, format } = params as { origin?: string; inclusive?: boolean; format?: string };
  const keys = validationKeys(field, code, { origin, inclusive, format });
  const key = keys.find((k) => i18n.exists(k)) ?? keys.at(-1)!;
  return i18n.t(key, { ...params, field: i18n.t(`fields.${field}`) });
}

const upperFirst = (text: string) => text.charAt(0).toLocaleUpperCase(i18n.language) + text.slice(1);

/** `message` without `label: ` in front, as said under the input `label` names ("Required."). */
export function withoutField(message: string, label: string): string {
  return message.startsWith(`${label}: `) ? upperFirst(message.slice(label.length + 2)) : message;
}

/** What is wrong with `field`, for under its input: the field is not named again. */
export function inputMessage(field: string, code: string, params: Record<string, unknown> = {}): string {
  return withoutField(fieldMessage(field, code, params), i18n.t(`fields.${field}`));
}

/**
 * What is wrong with a date input's value (DateField holds YYYY-MM-DD, or the text typed when it is not a date),
 * for under the input: missing (when `required`), not a date, or outside the years users may enter (/me `dates`).
 */
export function typedDateProblem(
  field: string,
  value: string | null,
  years: { minYear: number; maxYear: number },
  required = false,
): string | undefined {
  if (!value) return required ? inputMessage(field, 'required') : undefined;
  if (!/^\d{4}-\d\d-\d\d$/.test(value)) return inputMessage(field, 'invalid_format', { format: 'date' });
  const [problem] = yearProblem(field, value, years);
  return problem ? inputMessage(field, problem.code, problem.params) : undefined;
}

/** A server field problem for under its input: without the field's name (and its place in lists) in front. */
export function problemText(problem: FieldProblem): string {
  const lookup = (key: string) => (i18n.exists(key) ? i18n.t(key) : undefined);
  return withoutField(problem.message, fieldLabel(lookup, problem.field));
}

/**
 * A message said under an input ("Required."), named for a list of problems: "English title: required.". `field`
 * is the input's field name (`titleEn`); a message that names its field already is left as it is.
 */
export function namedMessage(field: string, message: string): string {
  const label = i18n.exists(`fields.${field}`) ? i18n.t(`fields.${field}`) : null;
  if (!label || message.startsWith(`${label}`)) return message;
  const lower = /^\p{Lu}\p{Ll}/u.test(message) ? message.charAt(0).toLocaleLowerCase(i18n.language) + message.slice(1) : message;
  return `${label}: ${lower}`;
}

/** A Mantine `validate` function checking the payload a form would send against a contract schema (messages for under the inputs). */
export function zodValidator<Values, Payload>(schema: z.ZodType, toPayload: (values: Values) => Payload) {
  return (values: Values): FormErrors => {
    const result = schema.safeParse(toPayload(values), { reportInput: true });
    if (result.success) return {};
    const errors: FormErrors = {};
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? 'form');
      if (errors[field]) continue;
      const { code, params } = issueCode(issue);
      errors[field] = inputMessage(field, code, params);
    }
    return errors;
  };
}

/**
 * For forms over nested contracts: every issue under its dotted path (`areas.0.titleVi`, as Mantine's
 * form and the server's field problems name it), worded after the last named segment (`titleVi`), for under
 * the input.
 */
export function zodErrorsByPath(schema: z.ZodType, payload: unknown): FormErrors {
  const result = schema.safeParse(payload, { reportInput: true });
  if (result.success) return {};
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.') || 'form';
    if (errors[path]) continue;
    const field = [...issue.path].reverse().find((segment) => typeof segment === 'string') ?? 'form';
    const { code, params } = issueCode(issue);
    errors[path] = inputMessage(String(field), code, params);
  }
  return errors;
}

const closeLabel = () => ({ 'aria-label': i18n.t('common.close') });

export function notifyError(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  notifications.show({ color: 'red', title: i18n.t('common.errorTitle'), message, closeButtonProps: closeLabel() });
}

export function notifySuccess(message: string) {
  notifications.show({ color: 'teal', message, closeButtonProps: closeLabel() });
}

/**
 * Splits a failed save into messages under the form's inputs and one message for the form as a whole
 * (errors that name no input of this form, like a rate limit or a wrong password on sign-in).
 */
export function splitApiError(error: unknown, inputs: string[]): { fieldErrors: Record<string, string>; message: string | null } {
  if (!(error instanceof ApiError)) return { fieldErrors: {}, message: error instanceof Error ? error.message : String(error) };
  const fieldErrors: Record<string, string> = {};
  const unshown: string[] = [];
  for (const problem of error.fieldProblems) {
    if (inputs.includes(problem.field)) fieldErrors[problem.field] ??= problemText(problem);
    else unshown.push(problem.message);
  }
  if (error.fieldProblems.length === 0) return { fieldErrors, message: error.message };
  return { fieldErrors, message: unshown.length > 0 ? unshown.join(' ') : null };
}
