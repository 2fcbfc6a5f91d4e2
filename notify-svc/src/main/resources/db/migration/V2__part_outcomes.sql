-- Each part of an SMS with its own outcome, so that a message the SMSC took only in part shows
-- which parts the handset has: SUBMITTED (taken; its delivery receipt, if any, tells the rest),
-- REFUSED (the SMSC said no, with the error), NOT_SENT (after a refused part, never submitted).
alter table message_part
    alter column provider_id drop not null,
    add column status text not null default 'SUBMITTED',
    add column error  text;
