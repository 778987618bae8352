import { ClickHouseClient } from '@clickhouse/client';
import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GrantQueries } from '@phoenix/analytics';
import {
  AppError,
  GrantHistoryRequestSchema,
  GrantRequestByOrderSchema,
  GrantStatsRequestSchema,
  GrantSummaryRequestSchema,
  Patterns,
  Reply,
  TenantGrantsRequestSchema,
  parseOrThrow,
} from '@phoenix/contracts';
import { CLICKHOUSE } from '../clickhouse/clickhouse.module';

/** The gateways' reads of the grant history and analytics: grants-analytics alone talks to ClickHouse. */
@Controller()
export class GrantQueryHandlers {
  private readonly grants: GrantQueries;

  constructor(@Inject(CLICKHOUSE) clickhouse: ClickHouseClient) {
    this.grants = new GrantQueries(clickhouse);
  }

  @MessagePattern(Patterns.grantsHistory)
  history(@Payload() payload: unknown): Reply<typeof Patterns.grantsHistory> {
    const { tenant_id, user_id, query } = parseOrThrow(GrantHistoryRequestSchema, payload);
    return this.grants.list(
      {
        tenantId: tenant_id,
        userId: user_id,
        ...(query.source_type ? { sourceType: query.source_type } : {}),
        ...(query.source_id ? { sourceId: query.source_id } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
      },
      query.limit,
      query.offset,
    );
  }

  @MessagePattern(Patterns.grantsGet)
  async get(@Payload() payload: unknown): Reply<typeof Patterns.grantsGet> {
    const request = parseOrThrow(GrantRequestByOrderSchema, payload);
    const grant = await this.grants.one({ tenantId: request.tenant_id, userId: request.user_id, orderId: request.order_id });
    if (!grant) throw AppError.notFound('Grant');
    return grant;
  }

  @MessagePattern(Patterns.grantsSummary)
  summary(@Payload() payload: unknown): Reply<typeof Patterns.grantsSummary> {
    const request = parseOrThrow(GrantSummaryRequestSchema, payload);
    return this.grants.summary({ tenantId: request.tenant_id, userId: request.user_id });
  }

  @MessagePattern(Patterns.analyticsGrants)
  tenantGrants(@Payload() payload: unknown): Reply<typeof Patterns.analyticsGrants> {
    const { query } = parseOrThrow(TenantGrantsRequestSchema, payload);
    return this.grants.list(
      {
        tenantId: query.tenant_id,
        ...(query.user_id ? { userId: query.user_id } : {}),
        ...(query.source_type ? { sourceType: query.source_type } : {}),
        ...(query.source_id ? { sourceId: query.source_id } : {}),
        ...(query.item_id ? { itemId: query.item_id } : {}),
        ...(query.state ? { state: query.state } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
      },
      query.limit,
      query.offset,
    );
  }

  @MessagePattern(Patterns.analyticsStats)
  stats(@Payload() payload: unknown): Reply<typeof Patterns.analyticsStats> {
    const { query } = parseOrThrow(GrantStatsRequestSchema, payload);
    return this.grants.stats({ tenantId: query.tenant_id, ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) });
  }
}
