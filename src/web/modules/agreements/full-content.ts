import type { Agreement, AgreementContent } from '../../../contracts/agreements.ts';

/**
 * The whole content of an agreement its parties read (`view: 'full'`), for what works on all of it: the editor,
 * the versions. Non-parties read the announcement (docs/agreement-visibility.md), which leaves parts out.
 */
export function fullContent(agreement: Agreement): AgreementContent {
  if (agreement.view !== 'full') throw new Error('Only the announcement of this agreement is readable');
  return agreement.content as AgreementContent;
}
