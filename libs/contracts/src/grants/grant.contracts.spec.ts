import { GrantBodySchema, MAX_GRANT_METADATA_BYTES } from '../orders/order.contracts';
import { GrantHistoryQuerySchema, GrantStatsQuerySchema } from './grant.contracts';

describe('grant history time bounds', () => {
  it('passes date-times through and turns dates into UTC instants: from the day’s start, to the next day’s', () => {
    expect(GrantHistoryQuerySchema.parse({ from: '2025-01-31', to: '2025-01-31' })).toMatchObject({ from: '2025-01-31T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z' });
    expect(GrantHistoryQuerySchema.parse({ to: '2024-12-31' })).toMatchObject({ to: '2025-01-01T00:00:00.000Z' });
    expect(GrantStatsQuerySchema.parse({ tenant_id: 't1', from: '2025-01-01T12:00:00+02:00' })).toMatchObject({ from: '2025-01-01T12:00:00+02:00' });
  });

  it('reads its own output again (the gateway and grants-analytics both parse the query)', () => {
    const once = GrantHistoryQuerySchema.parse({ from: '2025-03-01', to: '2025-03-02' });
    expect(GrantHistoryQuerySchema.parse(once)).toEqual(once);
  });

  it('refuses what is neither, and a range that ends before it starts', () => {
    for (const from of ['2025-02-30', '2025-1-1', '20250101', '2025-01-01T10:00:00', 'yesterday']) {
      expect(GrantHistoryQuerySchema.safeParse({ from }).error?.issues[0]?.message).toMatch(/must be an ISO 8601 date/);
    }
    expect(GrantHistoryQuerySchema.safeParse({ from: '2025-01-02', to: '2025-01-01' }).error?.issues[0]).toMatchObject({ path: ['from'], message: 'must be before `to`' });
  });
});

describe('grant metadata', () => {
  const body = (metadata: Record<string, unknown>) => ({ user_id: 'u1', reward_id: '6f1d2c3b-4a59-4e8f-9d7c-1b2a3c4d5e6f', source_type: 'coupon', source_ref: 'c1', metadata });

  it(`takes up to ${MAX_GRANT_METADATA_BYTES} bytes of JSON, counted in UTF-8`, () => {
    const fits = { note: 'x'.repeat(MAX_GRANT_METADATA_BYTES - '{"note":""}'.length) };
    expect(GrantBodySchema.safeParse(body(fits)).success).toBe(true);
    expect(GrantBodySchema.safeParse(body({ note: `${fits.note}x` })).error?.issues[0]).toMatchObject({ path: ['metadata'], message: 'must be at most 16 KB as JSON' });
    expect(GrantBodySchema.safeParse(body({ note: 'é'.repeat(MAX_GRANT_METADATA_BYTES / 2) })).success).toBe(false);
  });
});
