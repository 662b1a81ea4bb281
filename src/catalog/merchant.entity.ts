import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../core/relay/node';
import { toGlobalId } from '../core/relay/global-id';
import { Alliance } from './alliance.entity';

/** A shop, run by its staff (the creator first, as owner). */
@Entity('merchants')
@Index(['allianceId', 'createdAt', 'id'])
@ObjectType({ implements: Node, description: 'A shop on Dorfmarkt, run by one or more people.' })
export class Merchant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this merchant.' })
  get globalId(): string {
    return toGlobalId('Merchant', this.id);
  }

  @Field({ description: 'The shop’s name.' })
  @Column()
  name: string;

  @Field({ description: 'What the shop is about; may be empty.' })
  @Column({ type: 'text', default: '' })
  description: string;

  @Field(() => String, { nullable: true, description: 'Where the shop is, e.g. "Allgäu".' })
  @Index()
  @Column({ type: 'text', nullable: true })
  region: string | null;

  /** The alliance of local merchants this shop belongs to, if any. */
  @Column({ type: 'uuid', nullable: true })
  allianceId: string | null;

  @ManyToOne(() => Alliance, { onDelete: 'SET NULL' })
  alliance: Alliance | null;

  @Field({ description: 'When the shop was opened on Dorfmarkt.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
