import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthScheme, Principal } from './principal';
import { ApiSecurity } from '@phoenix/platform';

export const AUTH_SCHEMES = 'phoenix:auth-schemes';

/** The credentials a route accepts; the OpenAPI document lists them too. */
export function Auth(...schemes: AuthScheme[]): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(AUTH_SCHEMES, schemes), ApiSecurity(...schemes));
}

export interface AuthenticatedRequest {
  principal?: Principal;
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without @Auth');
  return principal;
});
