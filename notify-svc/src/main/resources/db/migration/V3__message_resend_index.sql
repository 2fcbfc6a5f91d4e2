-- A message's resends point at it (resend_of). Without an index, deleting (or archiving) messages
-- checks that foreign key by scanning the whole table once per deleted row.
create index message_resend_of on message (resend_of) where resend_of is not null;
