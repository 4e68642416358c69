import type { z } from 'zod';
import type { Ok } from '../../contracts/common.ts';

// Examples for the OpenAPI document (GET /api/docs/json): one request body and one answer per operation, taken
// from the demo's HUST–Bach Mai memorandum. Routes attach them with `.meta({ examples: [...] })`; @fastify/swagger
// turns them into each media type's `example`, and platform/openapi.test.ts has Redocly check every example
// against its schema (`no-invalid-media-type-examples`). Typed against the contracts, so a change of shape
// that forgets an example fails to type-check.
//
// Each module keeps its examples in its own api-examples.ts, which its routes import as `ex`; this file holds
// what they share: the demo records' ids, the memorandum's title, and the plain `ok` answer.

export type In<T extends z.ZodType> = z.input<T>;
export type Out<T extends z.ZodType> = z.output<T>;

// The demo records the examples speak of, and when.
export const HUST = '4ea18235-afd4-4a8b-8d63-b905af44c0de';
export const BMH = '9d2f6c1a-3b7e-4f05-8a6d-2c4e8b1f7a90';
export const SOICT = '1b8e4d2c-6a3f-4e71-9c05-7d2a5f8e3b16';
export const NGOC = '6c3a9e1f-2d4b-4c87-b0e5-8f1d7a2c9e43';
export const THINH = '2f7d1b9e-5c3a-4e68-a2d0-9b4e6c1f8a27';
export const OFFICER = 'b5e2a8c1-7d4f-4b39-8e06-3a9c1f5d2e84';
export const AGREEMENT = 'df7e5292-0bee-439f-81f5-a6f13f328394';
export const CONSORTIUM = '8a1c5e3f-9b2d-4f76-a4e8-1d6b3c9f5a02';
export const INVITATION = 'c7f3b1e9-4a2d-4c68-9e15-6b8d2a4f1c73';
export const TOKEN = 'e1d9c7b5-3a2f-4e84-b6c0-5f8a1d3e9b26';
export const COMMENT = '3e8b2d6f-1c9a-4f57-8b3e-7a2d5c9f1e60';
export const NOTIFICATION = '7b4f9e2a-6d1c-4a83-9f5e-2c8b6d1a4f95';
export const DOCUMENT = 'f4a2c8e6-9b1d-4e37-a5f2-8c6e3b9d1a48';
export const FILE = '5d9e3a7c-2b8f-4c61-b4a9-1e7c5f3d8b02';
export const ACTIVITY = '0c6d2f8a-4e1b-4a97-b3c5-9d7e1a2f6b48';
export const DELEGATION = '0c5e8a2f-7b1d-4e93-a6c4-3f9b2d8e1a57';
export const GUEST = '9e4b1d7a-2c6f-4a85-b3e9-6d1f8a2c5b04';
export const HASH = 'b7781b929a47ed77a49c9d01e9b8d8b0eebf67d691eb08c307622d432333cdff';
export const AT = '2026-10-02T03:00:00.000Z';
export const TITLE_VI = 'Biên bản ghi nhớ hợp tác giữa HUST và Bệnh viện Bạch Mai';
export const TITLE_EN = 'Memorandum of Understanding between HUST and Bach Mai Hospital';

export const ok = { ok: true } satisfies Out<typeof Ok>;
