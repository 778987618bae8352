// Hand-written on purpose: `@nestjs/swagger` is a large library, and its decorators would load it
// at start-up in every process (loading it later took 7 % off the main thread's CPU of a
// standalone restart, measured with --cpu-prof; the services never load it now). The documents are served on the first request for /docs, so the decorators
// below only record what they were given, and the first such request loads swagger and applies
// them, in the order they were applied here, to the same classes and methods.

type Swagger = typeof import('@nestjs/swagger');
type AnyDecorator = (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => unknown;

/** Decorations recorded by this bundle (a standalone loads several bundles: each has its own). */
const recorded: Array<(swagger: Swagger) => void> = [];
let loaded: Swagger | undefined;

/** A documentation decorator (class or method) whose swagger decorator is made and applied once swagger loads. */
export function openApiDecorator(make: (swagger: Swagger) => ClassDecorator | MethodDecorator | Array<ClassDecorator | MethodDecorator>) {
  const decorator = (target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    const apply = (swagger: Swagger) => {
      const made = make(swagger);
      const decorators = (Array.isArray(made) ? made : [made]) as AnyDecorator[];
      for (const one of decorators) one(target, key, descriptor);
    };
    if (loaded) apply(loaded);
    else recorded.push(apply);
  };
  return decorator as ClassDecorator & MethodDecorator;
}

/** Loads `@nestjs/swagger` and applies every documentation decorator recorded until now. */
export function loadSwagger(): Swagger {
  if (!loaded) {
    loaded = require('@nestjs/swagger') as Swagger;
    for (const apply of recorded.splice(0)) apply(loaded);
  }
  return loaded;
}

/** `@nestjs/swagger`'s decorators of the same names, applied when the documents are first built. */
export const ApiTags = (...tags: string[]) => openApiDecorator((swagger) => swagger.ApiTags(...tags));
export const ApiParam = (options: import('@nestjs/swagger').ApiParamOptions) => openApiDecorator((swagger) => swagger.ApiParam(options));
export const ApiSecurity = (name: string) => openApiDecorator((swagger) => swagger.ApiSecurity(name));
export const ApiExcludeController = () => openApiDecorator((swagger) => swagger.ApiExcludeController());
