import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { App } from './app.entity';

/**
 * A person's consent to an app: the scopes they allowed. Its id is the OAuth grant's id, which every code and
 * token issued under it carries; disconnecting deletes the row and those tokens together.
 */
@Entity('app_grants')
@Index(['userId', 'createdAt'])
@Index(['appId', 'userId'])
export class AppGrant {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column('uuid')
  appId: string;

  @ManyToOne(() => App, { onDelete: 'CASCADE' })
  app: App;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user: User;

  @Column({ type: 'text', array: true })
  scopes: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
