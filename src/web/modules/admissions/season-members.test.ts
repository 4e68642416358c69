import { expect, it } from 'vitest';
import { chosenMembers, leavingMembers, memberChoices, membersLock } from './season-members.ts';

const institution = (code: string) => ({ institutionId: `id-${code}`, code, nameVi: code, nameEn: code });
const member = (code: string, coordinator = false) => ({ ...institution(code), coordinator });
const season = { institutionId: 'id-HMU', members: [member('HMU', true), member('VNU'), member('OLD')] };

it('lets only the coordinator change the members, and only before the first run', () => {
  const manage = { permissions: { manage: true, addPrograms: true } };
  expect(membersLock(manage, false)).toBeNull();
  expect(membersLock(manage, true)).toBe('afterFirstRun');
  expect(membersLock({ permissions: { manage: false, addPrograms: true } }, false)).toBe('coordinatorOnly');
  expect(membersLock({ permissions: { manage: false, addPrograms: true } }, true)).toBe('coordinatorOnly');
});

it("offers the consortium's institutions and members that left it, by code, never the coordinator", () => {
  const consortium = [institution('VNU'), institution('HMU'), institution('HNUE')];
  expect(memberChoices(season, consortium).map((i) => i.code)).toEqual(['HNUE', 'OLD', 'VNU']);
});

it('chooses the members besides the coordinator, and names those a choice leaves out', () => {
  expect(chosenMembers(season)).toEqual(['id-OLD', 'id-VNU']);
  expect(leavingMembers(season, ['id-VNU', 'id-HNUE']).map((m) => m.code)).toEqual(['OLD']);
  expect(leavingMembers(season, [])).toHaveLength(2);
});
