-- A pool's status from its committed quantity: SOLD_OUT at capacity, TIPPED from the tipping point, else OPEN. Only
-- pool_join and pool_leave (beside this file) set a joinable pool's status, through this.
--
-- Applied by the migrations with CREATE OR REPLACE from this file (src/pools/sql/pool-rules.ts): a change here
-- needs a new migration that applies the file again. test/pools/pool-rules.test.ts fails until it has one.
CREATE OR REPLACE FUNCTION pool_status_for(committed integer, tipping_point integer, capacity integer)
RETURNS pool_status LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN committed >= capacity THEN 'SOLD_OUT'::pool_status
              WHEN committed >= tipping_point THEN 'TIPPED'::pool_status
              ELSE 'OPEN'::pool_status END
$$;
