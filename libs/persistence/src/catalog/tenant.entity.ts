import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { TenantRow } from '../records';

/** The comment on every sealed secret column (SecretBox, libs/auth), the same in the migration that set it. */
export const SEALED_SECRET = 'sealed with SECRETS_KEY (AES-256-GCM): enc:v1:<key id>:<base64url>';

@Entity({ schema: 'catalog', name: 'tenants' })
export class TenantEntity implements TenantRow {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  // The secrets below are read back (to verify tokens, to sign calls), so they are sealed, not hashed.

  /** SHA-256 of the tenant API key: the key itself is shown once and never stored. */
  @Column({ name: 'api_key_hash', type: 'char', length: 64, unique: true })
  apiKeyHash!: string;

  @Column({ name: 'jwt_secret', type: 'text', comment: SEALED_SECRET })
  jwtSecret!: string;

  @Column({ name: 'hmac_secret', type: 'text', comment: SEALED_SECRET })
  hmacSecret!: string;

  @Column({ name: 'webhook_secret', type: 'text', comment: SEALED_SECRET })
  webhookSecret!: string;

  @Column({ name: 'allowed_origins', type: 'jsonb', default: () => "'[]'" })
  allowedOrigins!: string[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  settings!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
