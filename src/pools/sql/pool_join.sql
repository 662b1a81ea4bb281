-- Applies a batch of joins to one pool, in order, each accepted or refused on its own: the pool's hot path. It runs
-- as one statement (an autocommit transaction), so the pool row's lock is held only while PostgreSQL works, never
-- across a round trip to the API; every change of a pool's committed quantity happens under that lock. A join is
-- refused whole when it does not fit; its idempotency key is kept only when it took effect. The outcomes are the
-- words of JoinOutcome (pool-join-batcher.service.ts), each answered by pool-refusal.ts.
--
-- Applied by the migrations with CREATE OR REPLACE from this file (src/pools/sql/pool-rules.ts): a change here
-- needs a new migration that applies the file again. test/pools/pool-rules.test.ts fails until it has one.
CREATE OR REPLACE FUNCTION pool_join(p_pool uuid, p_users uuid[], p_quantities integer[], p_keys text[])
RETURNS TABLE (r_user uuid, r_outcome text, r_quantity integer, r_joined_at timestamptz, r_left integer)
LANGUAGE plpgsql AS $$
DECLARE
  pool pools%ROWTYPE;
  previous integer;
  delta integer;
  key_pool uuid;
  key_quantity integer;
  changed boolean := false;
BEGIN
  SELECT * INTO pool FROM pools WHERE id = p_pool FOR UPDATE;
  FOR i IN 1 .. coalesce(array_length(p_users, 1), 0) LOOP
    r_user := p_users[i];
    r_quantity := NULL;
    r_joined_at := NULL;
    r_left := pool.capacity - pool.committed;
    IF pool.id IS NULL THEN
      r_outcome := 'NOT_FOUND';
      RETURN NEXT;
      CONTINUE;
    END IF;
    INSERT INTO pool_join_keys (user_id, idempotency_key, pool_id, quantity)
      VALUES (p_users[i], p_keys[i], p_pool, p_quantities[i])
      ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      SELECT k.pool_id, k.quantity INTO key_pool, key_quantity FROM pool_join_keys k
       WHERE k.user_id = p_users[i] AND k.idempotency_key = p_keys[i];
      r_outcome := CASE WHEN key_pool = p_pool AND key_quantity = p_quantities[i]
                        THEN 'REPLAYED' ELSE 'KEY_REUSED' END;
      SELECT m.quantity, m.created_at INTO r_quantity, r_joined_at FROM pool_memberships m
       WHERE m.pool_id = p_pool AND m.user_id = p_users[i];
      RETURN NEXT;
      CONTINUE;
    END IF;
    previous := NULL;
    SELECT m.quantity INTO previous FROM pool_memberships m
     WHERE m.pool_id = p_pool AND m.user_id = p_users[i];
    delta := p_quantities[i] - coalesce(previous, 0);
    r_outcome := CASE
      WHEN pool.deadline <= clock_timestamp() THEN 'DEADLINE_PASSED'
      WHEN NOT pool_joinable(pool.status) THEN 'NOT_OPEN'
      WHEN p_quantities[i] > pool.capacity THEN 'ABOVE_CAPACITY'
      WHEN pool.committed + delta <= pool.capacity THEN 'JOINED'
      WHEN pool.committed >= pool.capacity THEN 'SOLD_OUT'
      ELSE 'CAPACITY_EXCEEDED' END;
    IF r_outcome = 'JOINED' THEN
      INSERT INTO pool_memberships AS m (pool_id, user_id, quantity)
        VALUES (p_pool, p_users[i], p_quantities[i])
        ON CONFLICT (pool_id, user_id) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = now()
        RETURNING m.quantity, m.created_at INTO r_quantity, r_joined_at;
      changed := changed OR delta <> 0 OR previous IS NULL;
      pool.committed := pool.committed + delta;
      pool.member_count := pool.member_count + CASE WHEN previous IS NULL THEN 1 ELSE 0 END;
    ELSE
      DELETE FROM pool_join_keys k WHERE k.user_id = p_users[i] AND k.idempotency_key = p_keys[i];
    END IF;
    r_left := pool.capacity - pool.committed;
    RETURN NEXT;
  END LOOP;
  IF changed THEN
    UPDATE pools SET committed = pool.committed, member_count = pool.member_count,
           status = pool_status_for(pool.committed, pool.tipping_point, pool.capacity),
           revision = revision + 1, updated_at = now()
     WHERE id = p_pool;
  END IF;
END
$$;
