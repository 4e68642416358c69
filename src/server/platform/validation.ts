import type { FieldIssue } from './errors.ts';

// Turns zod issues (from request validation) into field-level issues with locale codes.
interface ZodLikeIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  minimum?: unknown;
  maximum?: unknown;
  keys?: string[];
  expected?: string;
  origin?: string;
}

export function issuesToFields(issues: ZodLikeIssue[], prefix?: string): FieldIssue[] {
  return issues.map((issue) => {
    const path = issue.path.filter((p) => typeof p === 'string' || typeof p === 'number');
    const first = path.find((p) => typeof p === 'string') as string | undefined;
    const field =
      issue.code === 'unrecognized_keys' && issue.keys?.length ? issue.keys[0] : (first ?? prefix ?? 'body');
    const missing =
      (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) ||
      (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1);
    const code = missing ? 'required' : issue.code === 'custom' ? 'invalid' : issue.code;
    return {
      field,
      code,
      params: {
        minimum: issue.minimum as number | undefined,
        maximum: issue.maximum as number | undefined,
        keys: issue.keys?.join(', '),
        path: path.join('.'),
      },
    };
  });
}
