import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../core/relay/node';
import { toGlobalId } from '../core/relay/global-id';

/** Local merchants of one region acting together; members are the merchants whose allianceId points here. */
@Entity('alliances')
@ObjectType({ implements: Node, description: 'An alliance of local merchants of one region.' })
export class Alliance {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this alliance.' })
  get globalId(): string {
    return toGlobalId('Alliance', this.id);
  }

  @Field({ description: 'The alliance’s name.' })
  @Column()
  name: string;

  @Field({ description: 'What the members do together; may be empty.' })
  @Column({ type: 'text', default: '' })
  description: string;

  @Field({ description: 'The region of the alliance; only merchants of this region may join.' })
  @Column({ type: 'text' })
  region: string;

  @Field({ description: 'When the alliance was founded.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
