import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A named lease that one replica holds at a time (e.g. the outbox relay, so events of one
 * order are published in order). A holder renews it; an expired lease can be taken over.
 */
@Entity({ schema: 'catalog', name: 'leases' })
export class LeaseEntity {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  holder!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
