-- Takes one member out of a pool before its deadline; the status may fall back (SOLD_OUT → TIPPED → OPEN).
--
-- Applied by the migrations with CREATE OR REPLACE from this file (src/pools/sql/pool-rules.ts): a change here
-- needs a new migration that applies the file again. test/pools/pool-rules.test.ts fails until it has one.
CREATE OR REPLACE FUNCTION pool_leave(p_pool uuid, p_user uuid) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  pool pools%ROWTYPE;
  gone integer;
BEGIN
  SELECT * INTO pool FROM pools WHERE id = p_pool FOR UPDATE;
  IF NOT FOUND THEN RETURN 'NOT_FOUND'; END IF;
  IF pool.deadline <= clock_timestamp() THEN RETURN 'DEADLINE_PASSED'; END IF;
  IF NOT pool_joinable(pool.status) THEN RETURN 'NOT_OPEN'; END IF;
  DELETE FROM pool_memberships WHERE pool_id = p_pool AND user_id = p_user RETURNING quantity INTO gone;
  IF NOT FOUND THEN RETURN 'NOT_A_MEMBER'; END IF;
  UPDATE pools SET committed = committed - gone, member_count = member_count - 1,
         status = pool_status_for(committed - gone, tipping_point, capacity),
         revision = revision + 1, updated_at = now()
   WHERE id = p_pool;
  RETURN 'LEFT';
END
$$;
