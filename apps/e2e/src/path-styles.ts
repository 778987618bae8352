/**
 * The query gateway serves its rewards routes in both documented path styles (SPEC §4):
 * `/v1/rewards/{tenant_id}/...` (seed 001) and `/v1/rewards/...` (seed 002). Tests run
 * over both: `describe.each(PATH_STYLES)`.
 */
export const PATH_STYLES = ['with-tenant', 'without-tenant'] as const;
export type PathStyle = (typeof PATH_STYLES)[number];

/** `rest` (starting with `/`) under `/v1/rewards`, with the tenant id when the style has one. */
export function rewardsPath(style: PathStyle, tenantId: string, rest: string): string {
  return style === 'with-tenant' ? `/v1/rewards/${tenantId}${rest}` : `/v1/rewards${rest}`;
}

/** Requests every authenticated route answers with 401: no credential, and one that is not valid. */
export const MISSING_OR_INVALID_CREDENTIALS: ReadonlyArray<[string, Record<string, string>]> = [
  ['no credential', {}],
  ['a malformed bearer token', { authorization: 'Bearer not-a-jwt' }],
  ['an unknown API key', { 'x-api-key': 'pk_not_a_key_of_anyone_0000000000' }],
];
