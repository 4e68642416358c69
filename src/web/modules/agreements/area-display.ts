import { fold } from './options.ts';

// How an area and its commitments read on the agreement page (AgreementContentView) and in the editor.

/** Whether an area's card shows its kind beside its title: not when the title is just the kind's name ("Đào tạo"). */
export function showsKind(title: string, kindName: string): boolean {
  return fold(title).trim() !== fold(kindName).trim();
}

/**
 * Whom a commitment is to: its receiving party, or — when it names none ("all other parties") and the agreement has
 * two parties — the other one. Null when it is to all the others of three or more parties.
 */
export function commitmentRecipient(commitment: { fromInstitutionId: string; toInstitutionId: string | null }, partyIds: readonly string[]): string | null {
  if (commitment.toInstitutionId) return commitment.toInstitutionId;
  if (partyIds.length !== 2) return null;
  return partyIds.find((id) => id !== commitment.fromInstitutionId) ?? null;
}
