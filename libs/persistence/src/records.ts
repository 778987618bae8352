/**
 * Rows the services read whole, under camel-cased names. The entities of typeorm-schema.ts
 * describe the same tables for the schema test and implement these, so the two cannot drift.
 */
export interface RewardRow {
  id: string;
  tenantId: string;
  slug: string;
  name: string;
  description: string | null;
  imageUrl: string | null;
  active: boolean;
  fields: Array<Record<string, unknown>>;
  fulfillment: Record<string, unknown>;
  requiresClaim: boolean;
  /** `{prices: [...]}`, or null for a grant-only reward. */
  purchase: { prices: Array<{ currency: string; amount: number }> } | null;
  /** Remaining units; null means unlimited. */
  stock: number | null;
  config: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export interface TenantRow {
  id: string;
  name: string;
  apiKeyHash: string;
  jwtSecret: string;
  hmacSecret: string;
  webhookSecret: string;
  allowedOrigins: string[];
  settings: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}
