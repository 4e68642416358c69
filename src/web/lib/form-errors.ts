import { notifications } from '@mantine/notifications';
import type { z } from 'zod';
import { ApiError } from './api.ts';
import { i18n } from './i18n.ts';

// Errors in forms, one way: zod issues from the contracts and the server's field problems both become
// messages under the matching input, worded with the same `validation.*` and `fields.*` keys the server
// uses; everything else becomes a notification.

type Issue = z.core.$ZodIssue;
type FormErrors = Record<string, string>;

function issueCode(issue: Issue): { code: string; params: Record<string, unknown> } {
  switch (issue.code) {
    case 'invalid_type':
      return { code: issue.input === undefined || issue.input === null ? 'required' : 'invalid_type', params: {} };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { code: 'required', params: {} };
      return { code: 'too_small', params: { minimum: Number(issue.minimum) } };
    case 'too_big':
      return { code: 'too_big', params: { maximum: Number(issue.maximum) } };
    case 'invalid_format':
      return { code: 'invalid_format', params: {} };
    case 'invalid_value':
      return { code: issue.input === undefined || issue.input === null ? 'required' : 'invalid_value', params: {} };
    case 'unrecognized_keys':
      return { code: 'unrecognized_keys', params: { keys: issue.keys.join(', ') } };
    default:
      return { code: 'invalid', params: {} };
  }
}

export function fieldMessage(field: string, code: string, params: Record<string, unknown> = {}): string {
  return i18n.t(`validation.${code}`, { ...params, field: i18n.t(`fields.${field}`) });
}

/** A Mantine `validate` function checking the payload a form would send against a contract schema. */
export function zodValidator<Values, Payload>(schema: z.ZodType, toPayload: (values: Values) => Payload) {
  return (values: Values): FormErrors => {
    const result = schema.safeParse(toPayload(values), { reportInput: true });
    if (result.success) return {};
    const errors: FormErrors = {};
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? 'form');
      if (errors[field]) continue;
      const { code, params } = issueCode(issue);
      errors[field] = fieldMessage(field, code, params);
    }
    return errors;
  };
}

/**
 * For forms over nested contracts: every issue under its dotted path (`areas.0.titleVi`, as Mantine's
 * form and the server's field problems name it), worded after the last named segment (`titleVi`).
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
    errors[path] = fieldMessage(String(field), code, params);
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
    if (inputs.includes(problem.field)) fieldErrors[problem.field] ??= problem.message;
    else unshown.push(problem.message);
  }
  if (error.fieldProblems.length === 0) return { fieldErrors, message: error.message };
  return { fieldErrors, message: unshown.length > 0 ? unshown.join(' ') : null };
}
