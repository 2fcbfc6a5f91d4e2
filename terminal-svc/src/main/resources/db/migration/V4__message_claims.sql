-- A request id is claimed before any work is done for it, so that a copy arriving meanwhile is
-- answered IN_PROGRESS instead of being done a second time. The answer is filled in by the
-- transaction of the change it reports; a claim whose holder died is taken over once stale.
alter table terminal_message alter column answer drop not null;
alter table terminal_message add column claim uuid;
alter table terminal_message add column claimed_at timestamptz;
