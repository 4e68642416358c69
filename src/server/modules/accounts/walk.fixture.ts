import { expect } from 'vitest';
import type { WalkFixture } from '../../testing/walk-fixture.ts';

// A's accounts (one of each role), an open invitation and an API token.
export const walkFixture: WalkFixture = {
  async build({ a, adminA }) {
    const inv = await adminA.post('/api/v1/admin/invitations', { email: 'invitee.of.a@a.test', displayName: 'Khách Của A', roles: ['member'] });
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    const token = await adminA.post('/api/v1/admin/api-tokens', { name: 'A token', scopes: ['directory:read'] });
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    const users = { admin: a.admin, officer: a.officer, member: a.member, student: a.student };
    return {
      ids: { ...Object.fromEntries(Object.entries(users).map(([role, u]) => [role, u.id])), invitation: inv.body.id, apiToken: token.body.id },
      secrets: ['invitee.of.a@a.test', 'Khách Của A', token.body.token, ...Object.values(users).flatMap((u) => [u.email, u.display_name])],
    };
  },
};
