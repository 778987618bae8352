import { ArgumentMetadata, HttpCode, PipeTransform, SetMetadata, applyDecorators } from '@nestjs/common';
import { parseOrThrow } from '@phoenix/contracts';
import type { z } from 'zod';

export const API_CONTRACT = 'phoenix:api-contract';

export interface ApiContractOptions {
  /**
   * The operation id, stable and readable (`purchaseReward`); a route with several paths has
   * one per path, in the order of its paths.
   */
  operationId: string | readonly string[];
  summary: string;
  body?: z.ZodType;
  /** The body may be left out (it is then `{}`). */
  bodyOptional?: true;
  query?: z.ZodObject;
  response?: z.ZodType;
  /** Success status; 200 unless given. */
  status?: number;
  /** Error statuses this route can answer with, beyond those every route can (400, 401, 403, 429, 500, 503). */
  errors?: number[];
  /** The answer carries an ETag, and a matching If-None-Match gets 304 without a body. */
  etag?: true;
}

/**
 * Documents a route in OpenAPI from the same zod schemas that validate it. Only the status
 * takes effect at once; the options are kept as they are, and their JSON Schemas are made
 * when the document is first built (see openapi/openapi-document.ts).
 */
export function ApiContract(options: ApiContractOptions): MethodDecorator {
  return applyDecorators(HttpCode(options.status ?? 200), SetMetadata(API_CONTRACT, options));
}

/** Validates a body, query object or path parameter against a contract schema; failures are 400 with details. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(readonly schema: S) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.output<S> {
    return parseOrThrow(this.schema, value ?? (metadata.type === 'body' ? undefined : {}), metadata.type === 'query' ? 'query' : 'request body');
  }
}

export const zod = <S extends z.ZodType>(schema: S) => new ZodPipe(schema);
