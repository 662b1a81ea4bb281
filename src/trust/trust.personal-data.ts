import type { PersonalDataSection } from '../core/personal-data';
import { TrustAnnouncementService } from './trust-announcement.service';

/** Whom the person trusts and blocks, and who trusts them. */
export const trustPersonalData: PersonalDataSection[] = [
  {
    key: 'trustGiven',
    sql: `SELECT trustee_id, level, created_at, updated_at FROM trust_edges
           WHERE truster_id = $1 ORDER BY created_at, trustee_id`,
    people: ['trustee_id'],
    // The edges both ways go with the users row (the foreign keys cascade); others' live recommendations hear of it.
    erase: ({ container, userId }) => container.get(TrustAnnouncementService).accountErased(userId),
  },
  {
    key: 'trustReceived',
    sql: `SELECT truster_id, level, created_at, updated_at FROM trust_edges
           WHERE trustee_id = $1 ORDER BY created_at, truster_id`,
    people: ['truster_id'],
  },
  // Blocks of the person by others go with the account too (the foreign keys cascade, as for trust edges), but are
  // not exported: whom someone blocks is their own decision, which a copy of another's data must not reveal.
  {
    key: 'blocks',
    sql: 'SELECT blocked_id, created_at FROM blocks WHERE blocker_id = $1 ORDER BY created_at, blocked_id',
    people: ['blocked_id'],
  },
];
