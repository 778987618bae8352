import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiDescription, buildOpenApiDocument } from './openapi/openapi-document';

export type DocsOptions = ApiDescription;

/**
 * Serves the OpenAPI document on /docs-json and Swagger UI on /docs. Nothing of it is built at
 * start-up: the first request for the document converts the contract schemas and reads the
 * routes (see openapi/openapi-document.ts); it is then kept. The UI is swagger-ui-dist's own
 * assets under /docs/ with a page of ours that points it at /docs-json (relative links, so it
 * works behind a path prefix too).
 */
export function setupDocs(app: NestFastifyApplication, options: DocsOptions): void {
  let document: string | undefined;
  const built = (): string => (document ??= JSON.stringify(buildOpenApiDocument(options)));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/docs-json', (_request, reply) => reply.type('application/json').send(built()));
  // The page's links are relative: from /docs the assets are under ./docs/, from /docs/ (and
  // /docs/index.html) under ./.
  const page = (request: FastifyRequest, reply: FastifyReply) => {
    const nested = (request.url.split('?')[0] ?? '') !== '/docs';
    reply.type('text/html').send(uiPage(options.title, nested ? './' : './docs/', nested ? '../docs-json' : './docs-json'));
  };
  for (const path of ['/docs', '/docs/', '/docs/index.html']) fastify.get(path, page);
  fastify.get('/docs/phoenix-ui-init.js', (_request, reply) => reply.type('application/javascript').send(UI_INIT));
  app.useStaticAssets({ root: swaggerUiAssets(), prefix: '/docs/', decorateReply: false });
}

function swaggerUiAssets(): string {
  return (require('swagger-ui-dist/absolute-path.js') as () => string)();
}

const UI_INIT = `window.addEventListener('load', function () {
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({ url: root.dataset.url, domNode: root, deepLinking: true, persistAuthorization: false });
});
`;

function uiPage(title: string, assets: string, documentUrl: string): string {
  const text = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${text} (Swagger UI)</title>
<link rel="stylesheet" href="${assets}swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-url="${documentUrl}"></div>
<script src="${assets}swagger-ui-bundle.js"></script>
<script src="${assets}phoenix-ui-init.js"></script>
</body>
</html>
`;
}
