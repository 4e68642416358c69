// OpenAPI examples for routes.ts (what they share: modules/api-examples-common.ts). Single sign-on.

export const ssoInfo = { enabled: true, name: 'HUST SSO' };
