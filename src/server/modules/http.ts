import { ErrorResponse } from '../../contracts/common.ts';

/** The error responses every API route may give, for the OpenAPI document. */
export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
} as const;
