import type { Agreement } from '../../../../contracts/agreements.ts';
import { localName } from '../../../lib/format.ts';
import { useInstitutionOptions } from '../../directory/queries.ts';

/** How the editor names a party: its code and its name in the UI language. */
export interface PartyInfo {
  code: string;
  name: string;
}
export type PartyInfoOf = (institutionId: string) => PartyInfo;

/**
 * A party's code and name: from the institutions the user can see, else from the agreement as loaded
 * (a party may be out of the user's directory), else a placeholder until the list has loaded.
 */
export function usePartyInfo(agreement: Agreement | undefined): PartyInfoOf {
  const institutions = useInstitutionOptions();
  return (institutionId) => {
    const known = institutions.data?.find((institution) => institution.id === institutionId);
    if (known) return { code: known.code, name: localName(known) };
    const party = agreement?.parties.find((p) => p.institutionId === institutionId);
    if (party) return { code: party.code, name: localName(party) };
    return { code: '…', name: '' };
  };
}
