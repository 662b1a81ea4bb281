import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../core/relay/node';
import { toGlobalId } from '../core/relay/global-id';
import { App } from './app.entity';

/**
 * An app's subscription of a URL to topics. The `whsec_` secret signs every delivery (Standard Webhooks), so it is
 * kept as given out; it is shown once, in createWebhookSubscription's payload.
 */
@Entity('webhook_subscriptions')
@Index(['appId', 'createdAt'])
@ObjectType({ implements: Node, description: 'A URL of an app that receives events of some topics.' })
export class WebhookSubscription {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this subscription.' })
  get globalId(): string {
    return toGlobalId('WebhookSubscription', this.id);
  }

  @Column('uuid')
  appId: string;

  @ManyToOne(() => App, { onDelete: 'CASCADE' })
  app: App;

  @Field({ description: 'Where deliveries are POSTed.' })
  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Field(() => [String], { description: 'The topics delivered, e.g. pool.succeeded.' })
  @Column({ type: 'text', array: true })
  topics: string[];

  @Column({ type: 'varchar', length: 100 })
  secret: string;

  @Field({ description: 'When the subscription was made.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
