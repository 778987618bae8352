import 'reflect-metadata';
import type { z } from 'zod';

// What the documentation decorators record. Nothing here converts a schema or loads anything:
// the document is built from these records on the first request for it (see docs.ts).
const TAGS = 'phoenix:openapi-tags';
const SECURITY = 'phoenix:openapi-security';
const PATH_PARAMETERS = 'phoenix:openapi-path-parameters';

export interface PathParameterDoc {
  name: string;
  description: string;
  /** The value's schema, when no `@Param` pipe of the route gives it. */
  schema?: z.ZodType;
}

const define = (key: string, value: unknown) => (target: object, _method?: string | symbol, descriptor?: PropertyDescriptor) => {
  Reflect.defineMetadata(key, value, descriptor?.value ?? target);
};

/** The tags of a controller's operations. */
export const ApiTags = (...tags: string[]) => define(TAGS, tags) as ClassDecorator;
/** The security schemes a controller or route accepts, any one of them (`@Auth` sets them). */
export const ApiSecurity = (...schemes: string[]) => define(SECURITY, schemes) as ClassDecorator & MethodDecorator;
/** Documents a path parameter that no `@Param` of the route reads (e.g. one the credential decides). */
export const ApiPathParameter = (parameter: PathParameterDoc) => (target: object) => {
  const known = (Reflect.getMetadata(PATH_PARAMETERS, target) as PathParameterDoc[] | undefined) ?? [];
  Reflect.defineMetadata(PATH_PARAMETERS, [...known, parameter], target);
};

export const tagsOf = (controller: object): string[] => (Reflect.getMetadata(TAGS, controller) as string[] | undefined) ?? [];
export const securityOf = (controller: object, handler: object): string[] =>
  (Reflect.getMetadata(SECURITY, handler) as string[] | undefined) ?? (Reflect.getMetadata(SECURITY, controller) as string[] | undefined) ?? [];
export const pathParametersOf = (controller: object): PathParameterDoc[] =>
  (Reflect.getMetadata(PATH_PARAMETERS, controller) as PathParameterDoc[] | undefined) ?? [];
