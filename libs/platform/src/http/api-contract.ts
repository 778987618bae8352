import { ArgumentMetadata, HttpCode, PipeTransform, applyDecorators } from '@nestjs/common';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { parseOrThrow } from '@phoenix/contracts';
import { z } from 'zod';
import { openApiDecorator } from './lazy-openapi';

export function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): SchemaObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as SchemaObject;
}

export interface ApiContractOptions {
  summary: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  response?: z.ZodType;
  /** Success status; 200 unless given. */
  status?: number;
  /** Error statuses this route can answer with, beyond 400/401/403 and 429 (rate limits). */
  errors?: number[];
  /** The answer carries an ETag, and a matching If-None-Match gets 304 without a body. */
  etag?: true;
}

/**
 * Documents a route in OpenAPI from the same zod schemas that validate it. Only the status is
 * set at once; the documentation (and its JSON Schemas) is made when the documents are first
 * built (see lazy-openapi.ts).
 */
export function ApiContract(options: ApiContractOptions): MethodDecorator {
  const status = options.status ?? 200;
  return applyDecorators(
    HttpCode(status),
    openApiDecorator(({ ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiResponse }) => {
      const decorators: MethodDecorator[] = [
        ApiOperation({ summary: options.summary }),
        ApiResponse({ status, description: 'Success', ...(options.response ? { schema: openApiSchema(options.response) } : {}) }),
      ];
      if (options.etag) {
        decorators.push(
          ApiResponse({ status: 304, description: 'Not modified: the If-None-Match tag is the current ETag' }),
          ApiHeader({ name: 'If-None-Match', required: false, description: 'ETag of an answer held: 304 while it is current' }),
        );
      }
      if (options.body) decorators.push(ApiBody({ schema: openApiSchema(options.body, 'input') }));
      if (options.query) {
        for (const [name, field] of Object.entries(options.query.shape)) {
          const schema = openApiSchema(field as z.ZodType, 'input');
          decorators.push(ApiQuery({ name, required: !(field as z.ZodType).safeParse(undefined).success, schema }));
        }
      }
      for (const errorStatus of [400, 401, 403, 429, ...(options.errors ?? [])]) {
        decorators.push(ApiResponse({ status: errorStatus, description: 'Error: {statusCode, error, code, message, details?}' }));
      }
      return decorators;
    }),
  );
}

/** Validates a body or query object against a contract schema; failures are 400 with details. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.output<S> {
    return parseOrThrow(this.schema, value ?? (metadata.type === 'body' ? undefined : {}), metadata.type === 'query' ? 'query' : 'request body');
  }
}

export const zod = <S extends z.ZodType>(schema: S) => new ZodPipe(schema);
