import { Column, Entity, OneToOne, JoinColumn, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity';

/** How many offers a person gets in any 7 days until they choose (sendOffer keeps to it). */
export const DEFAULT_OFFERS_PER_WEEK = 3;

/**
 * What a person wants offered: tags to avoid (diet, allergens), interests, and how many offers a week at most.
 * A row exists once they first set something; until then the defaults of `Preferences.defaults` apply.
 */
@Entity('user_preferences')
@ObjectType('Preferences', { description: 'What one wants to be offered, and what never.' })
export class Preferences {
  @PrimaryColumn('uuid')
  userId: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user: User;

  @Field(() => [String], {
    description:
      'Product tags never to be shown in recommendations, such as allergens ("nuts") or diets ("meat"); lower case.',
  })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  avoidTags: string[];

  @Field(() => [String], { description: 'Tags and categories one is interested in; lower case.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  interests: string[];

  @Field(() => Int, {
    nullable: true,
    description:
      'The most offers from shops one receives in any 7 days, all shops together (3 until one chooses); null for no limit.',
  })
  @Column({ type: 'int', nullable: true, default: DEFAULT_OFFERS_PER_WEEK })
  maxOffersPerWeek: number | null;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  static defaults(userId: string): Preferences {
    return Object.assign(new Preferences(), {
      userId,
      avoidTags: [],
      interests: [],
      maxOffersPerWeek: DEFAULT_OFFERS_PER_WEEK,
    });
  }
}
