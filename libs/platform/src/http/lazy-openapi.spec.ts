import 'reflect-metadata';
import { Post } from '@nestjs/common';
import { z } from 'zod';
import { ApiContract } from './api-contract';
import { ApiParam, ApiTags, loadSwagger } from './lazy-openapi';

// Swagger's metadata keys (@nestjs/swagger DECORATORS), spelled out so that reading them does not load swagger.
const TAGS = 'swagger/apiUseTags';
const OPERATION = 'swagger/apiOperation';
const RESPONSES = 'swagger/apiResponse';
const PARAMETERS = 'swagger/apiParameters';

describe('documentation decorators applied when the documents are first built', () => {
  @ApiTags('things')
  @ApiParam({ name: 'tenant_id', required: false })
  class ThingsController {
    @Post()
    @ApiContract({ summary: 'Make a thing', body: z.object({ name: z.string() }), response: z.object({ id: z.string() }), status: 201, errors: [409] })
    create(): string {
      return 'made';
    }
  }

  it('record only, until swagger loads; then the metadata is what swagger itself would set', () => {
    const method = ThingsController.prototype.create;
    expect(Reflect.getMetadata(TAGS, ThingsController)).toBeUndefined();
    expect(Reflect.getMetadata(OPERATION, method)).toBeUndefined();
    // The status is not documentation: Nest needs it at once.
    expect(Reflect.getMetadata('__httpCode__', method)).toBe(201);

    const swagger = loadSwagger();
    expect(Reflect.getMetadata(TAGS, ThingsController)).toEqual(['things']);
    expect(Reflect.getMetadata(OPERATION, method)).toEqual({ summary: 'Make a thing' });
    expect(Object.keys(Reflect.getMetadata(RESPONSES, method) as object).sort()).toEqual(['201', '400', '401', '403', '409', '429']);

    // The same decorators applied directly by swagger, for comparison.
    @swagger.ApiTags('things')
    @swagger.ApiParam({ name: 'tenant_id', required: false })
    class Direct {
      @Post()
      create(): string {
        return 'made';
      }
    }
    const direct = Reflect.getMetadata(PARAMETERS, Direct.prototype.create) as unknown[];
    expect(direct).toEqual([expect.objectContaining({ name: 'tenant_id', in: 'path' })]);
    expect(Reflect.getMetadata(PARAMETERS, method)).toEqual(expect.arrayContaining(direct));
  });

  it('apply at once once swagger is loaded', () => {
    loadSwagger();
    @ApiTags('late')
    class Late {}
    expect(Reflect.getMetadata(TAGS, Late)).toEqual(['late']);
  });
});
