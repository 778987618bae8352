import 'reflect-metadata';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { FulfillmentSchema, SlugSchema } from '@phoenix/contracts';
import { z } from 'zod';
import { ApiContract, zod } from '../api-contract';
import { buildOpenApiDocument } from './openapi-document';
import { ApiPathParameter, ApiSecurity, ApiTags } from './route-docs';

@ApiTags('things')
@ApiSecurity('user-jwt', 'hmac')
@ApiPathParameter({ name: 'tenant_id', description: 'The tenant', schema: z.string() })
@Controller('v1/things')
class ThingsController {
  @Post(['make/:slug', ':tenant_id/make/:slug'])
  @ApiContract({ operationId: ['makeThing', 'makeThingInTenant'], summary: 'Make a thing', body: z.object({ fulfillment: FulfillmentSchema }), response: z.object({ id: z.uuid() }), status: 201, errors: [409] })
  make(@Param('slug', zod(SlugSchema)) slug: string, @Body() _body: unknown): string {
    return slug;
  }

  @Get()
  @ApiSecurity('hmac')
  @ApiContract({ operationId: 'listThings', summary: 'List things', query: z.strictObject({ limit: z.coerce.number().default(5).describe('Page size') }) })
  list(): string {
    return 'things';
  }
}

const api = { title: 't', description: 'd', version: '1', servers: [], securitySchemes: { 'user-jwt': { type: 'http', scheme: 'bearer' }, hmac: { type: 'apiKey' }, unused: { type: 'apiKey' } }, controllers: [ThingsController] };

describe('buildOpenApiDocument', () => {
  const document = buildOpenApiDocument(api) as any;

  it('gives each path style an operation of its own, with only the parameters its path has', () => {
    const plain = document.paths['/v1/things/make/{slug}'].post;
    const tenant = document.paths['/v1/things/{tenant_id}/make/{slug}'].post;
    expect([plain.operationId, tenant.operationId]).toEqual(['makeThing', 'makeThingInTenant']);
    expect(plain.parameters.map((p: any) => p.name)).toEqual(['slug']);
    expect(tenant.parameters.map((p: any) => [p.name, p.in, p.required, p.description])).toEqual([
      ['tenant_id', 'path', true, 'The tenant'],
      ['slug', 'path', true, 'The reward’s slug, unique in its tenant'],
    ]);
  });

  it('names contract schemas as components, flattens the fulfillment union and refers to the error shape', () => {
    expect(document.paths['/v1/things/make/{slug}'].post.parameters[0].schema).toEqual({ $ref: '#/components/schemas/Slug' });
    const branches = document.components.schemas.FulfillmentInput?.oneOf ?? document.components.schemas.Fulfillment.oneOf;
    expect(branches.map((branch: any) => branch.$ref.split('/').pop().replace(/Input$/, ''))).toEqual([
      'WalletCurrencyFulfillment',
      'WalletXpFulfillment',
      'WalletBadgeFulfillment',
      'ManualFulfillment',
      'ApiFulfillment',
    ]);
    expect(document.paths['/v1/things/make/{slug}'].post.responses['409']).toEqual({ $ref: '#/components/responses/Error409' });
    expect(document.components.responses.Error409.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/HttpErrorBody' });
    expect(document.components.schemas.HttpErrorBody.properties.code.enum).toContain('NOT_FOUND');
  });

  it('takes security per route, and keeps only the schemes used', () => {
    expect(document.paths['/v1/things'].get.security).toEqual([{ hmac: [] }]);
    expect(document.paths['/v1/things/make/{slug}'].post.security).toEqual([{ 'user-jwt': [] }, { hmac: [] }]);
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['hmac', 'user-jwt']);
  });

  it('refuses a parameter without a description', () => {
    @ApiSecurity('hmac')
    @Controller('x')
    class Undocumented {
      @Get()
      @ApiContract({ operationId: 'x', summary: 'x', query: z.strictObject({ q: z.string() }) })
      x(): string {
        return 'x';
      }
    }
    expect(() => buildOpenApiDocument({ ...api, controllers: [Undocumented] })).toThrow('query parameter q has no description');
  });
});
