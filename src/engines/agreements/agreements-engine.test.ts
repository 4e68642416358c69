import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from './canonical-hash.ts';
import { diffContent } from './content-diff.ts';
import { allowedTransitions, canTransition, dueStatus, missingForForce, type Status } from './lifecycle.ts';

describe('canonical hash', () => {
  it('is stable under key order and formatting, and sensitive to any change', () => {
    const a = { titleVi: 'Biên bản ghi nhớ', parties: [{ institutionId: 'x', unitId: null }], startDate: '2025-10-02' };
    const b = JSON.parse(`{ "startDate": "2025-10-02",\n "parties": [ { "unitId": null, "institutionId": "x" } ], "titleVi": "Biên bản ghi nhớ" }`);
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash({ ...a, startDate: '2025-10-03' })).not.toBe(contentHash(a));
    expect(contentHash({ ...a, parties: [...a.parties, { institutionId: 'y', unitId: null }] })).not.toBe(contentHash(a));
  });

  it('normalises Unicode so the same Vietnamese text hashes the same however it was typed', () => {
    const composed = 'Bạch Mai';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(contentHash({ t: decomposed })).toBe(contentHash({ t: composed }));
  });

  it('has the documented canonical form', () => {
    expect(canonicalJson({ b: 1.5, a: [true, null, 'x'], c: { z: 0, y: 'é' } })).toBe('{"a":[true,null,"x"],"b":1.5,"c":{"y":"é","z":0}}');
    // Published test vector (docs/agreement-hash.md), equal to `printf '%s' '<canonical>' | sha256sum`.
    expect(contentHash({ b: 1.5, a: [true, null, 'x'], c: { z: 0, y: 'é' } })).toBe(
      'c50e1e40ee916867e66f76d192913bafe0cb8f214ada5dd8c81e6791725aa98e',
    );
  });
});

describe('content diff', () => {
  const base = {
    titleEn: 'MoU',
    parties: [{ institutionId: 'hust' }, { institutionId: 'bmh' }],
    areas: [
      { key: 'training', titleEn: 'Training', targets: [{ key: 't1', metric: 'staff_trained', value: 100 }] },
      { key: 'research', titleEn: 'Research', targets: [] },
    ],
  };
  it('names what was added, removed and changed, matching list items by key', () => {
    const next = structuredClone(base);
    next.titleEn = 'Memorandum of Understanding';
    next.areas[0].targets[0].value = 120;
    next.areas.splice(1, 1);
    next.areas.push({ key: 'services', titleEn: 'Services', targets: [] });
    const diff = diffContent(base, next);
    expect(diff).toContainEqual({ path: 'titleEn', change: 'changed', before: 'MoU', after: 'Memorandum of Understanding' });
    expect(diff).toContainEqual({ path: 'areas[training].targets[t1].value', change: 'changed', before: 100, after: 120 });
    expect(diff.find((d) => d.path === 'areas[research]')?.change).toBe('removed');
    expect(diff.find((d) => d.path === 'areas[services]')?.change).toBe('added');
    expect(diff).toHaveLength(4);
  });
  it('is empty for equal content and reports a removed party', () => {
    expect(diffContent(base, structuredClone(base))).toEqual([]);
    const fewer = { ...structuredClone(base), parties: [{ institutionId: 'hust' }] };
    expect(diffContent(base, fewer)).toEqual([{ path: 'parties[bmh]', change: 'removed', before: { institutionId: 'bmh' } }]);
  });
});

describe('lifecycle', () => {
  it('allows the documented manual transitions and refuses others', () => {
    expect(canTransition('draft', 'negotiation')).toBe(true);
    expect(canTransition('negotiation', 'awaiting_approval')).toBe(true);
    expect(canTransition('active', 'terminated')).toBe(true);
    expect(canTransition('expiring', 'terminated')).toBe(true);
    expect(canTransition('draft', 'active')).toBe(false);
    expect(canTransition('expired', 'active')).toBe(false);
    expect(canTransition('terminated', 'draft')).toBe(false);
    expect(allowedTransitions('renewed')).toEqual([]);
  });
  it('moves by date: active on the start date, expiring within 90 days, expired after the end', () => {
    const f = { status: 'awaiting_approval' as Status, startDate: '2026-01-01', endDate: '2027-01-01', fullyApproved: true, signedDocument: true, signingDate: '2025-12-20' };
    expect(dueStatus(f, '2025-12-31')).toBe('awaiting_approval');
    expect(dueStatus(f, '2026-01-01')).toBe('active');
    expect(dueStatus({ ...f, status: 'active' }, '2026-10-02')).toBe('active');
    expect(dueStatus({ ...f, status: 'active' }, '2026-10-03')).toBe('expiring');
    expect(dueStatus({ ...f, status: 'expiring' }, '2027-01-01')).toBe('expiring');
    expect(dueStatus({ ...f, status: 'expiring' }, '2027-01-02')).toBe('expired');
    expect(dueStatus({ ...f, signedDocument: false }, '2026-06-01')).toBe('awaiting_approval');
    expect(dueStatus({ ...f, fullyApproved: false }, '2026-06-01')).toBe('awaiting_approval');
    expect(dueStatus({ ...f, status: 'terminated' }, '2026-06-01')).toBe('terminated');
    expect(dueStatus({ ...f, status: 'active', endDate: null }, '2090-01-01')).toBe('active');
  });
  it('does not bring an agreement into force without its signing date, and says what it lacks', () => {
    const f = { status: 'awaiting_approval' as Status, startDate: '2026-01-01', endDate: null, fullyApproved: true, signedDocument: true, signingDate: null };
    expect(dueStatus(f, '2026-06-01')).toBe('awaiting_approval');
    expect(dueStatus({ ...f, signingDate: '2025-12-20' }, '2026-06-01')).toBe('active');
    expect(missingForForce(f, '2026-06-01')).toEqual(['signing_date']);
    expect(missingForForce({ ...f, fullyApproved: false, signedDocument: false }, '2025-12-31')).toEqual(['approvals', 'signed_copy', 'signing_date', 'start_date']);
    expect(missingForForce({ ...f, signingDate: '2025-12-20' }, null)).toEqual([]);
  });
});
