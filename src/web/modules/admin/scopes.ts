/** The locale key naming an API token scope: `agreements:read` → `admin.apiTokens.scopes.agreements_read`. */
export const scopeLabelKey = (scope: string) => `admin.apiTokens.scopes.${scope.replace(':', '_')}`;
