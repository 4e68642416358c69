import type { FieldIssue } from './errors.ts';

// Turns zod issues (from request validation) into field-level issues with locale codes. The field is
// the full path of the input (`email`, `content.areas.0.titleVi`); its label comes from the last named
// segment (`fields.titleVi`).
interface ZodLikeIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  minimum?: unknown;
  maximum?: unknown;
  keys?: string[];
  expected?: string;
  origin?: string;
  inclusive?: boolean;
  format?: string;
  /** A refinement's own code and message parameters (contracts/common.ts: `no_nul`, `date_range`). */
  params?: { code?: string; [key: string]: unknown };
}

export function issuesToFields(issues: ZodLikeIssue[], fallback?: string): FieldIssue[] {
  return issues.map((issue) => {
    const path = issue.path.filter((p) => typeof p === 'string' || typeof p === 'number').map(String);
    if (issue.code === 'unrecognized_keys' && issue.keys?.length) path.push(issue.keys[0]);
    const field = path.length > 0 ? path.join('.') : (fallback ?? 'body');
    const missing =
      (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) ||
      (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1);
    const { code: customCode, ...customParams } = issue.params ?? {};
    const code = missing ? 'required' : issue.code === 'custom' ? (customCode ?? 'invalid') : issue.code;
    return {
      field,
      code,
      params: {
        minimum: issue.minimum as number | undefined,
        maximum: issue.maximum as number | undefined,
        keys: issue.keys?.join(', '),
        // Which wording of a size problem (locales/validation-keys.ts): of text, a number or a list, bound included or not.
        origin: issue.origin,
        inclusive: issue.inclusive,
        format: issue.format,
        ...(issue.code === 'custom' ? customParams : {}),
      },
    };
  });
}
