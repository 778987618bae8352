import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { SecuritySchemeObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

export interface DocsOptions {
  title: string;
  description: string;
  securitySchemes: Record<string, SecuritySchemeObject>;
}

/**
 * Serves the OpenAPI UI on /docs and the document on /docs-json. The document is built on the
 * first request for it (then kept): scanning every route at start-up would delay each start
 * for a page most starts never serve.
 */
export function setupDocs(app: NestFastifyApplication, options: DocsOptions): void {
  let builder = new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1');
  for (const [name, scheme] of Object.entries(options.securitySchemes)) {
    builder = builder.addSecurity(name, scheme);
  }
  const config = builder.build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'docs-json', raw: ['json'] });
}
