-- Nothing a participant does, and nothing the app does by mistake, can erase or rewrite a moderation record:
-- moderation events are appended, never changed or deleted. A contribution a person acted on is therefore never
-- deleted either (its events would go with it): when its author changes their answer it becomes 'withdrawn'.
CREATE TRIGGER `moderation_events_never_deleted` BEFORE DELETE ON `moderation_events`
BEGIN SELECT RAISE(ABORT, 'a moderation record is never deleted'); END;--> statement-breakpoint
CREATE TRIGGER `moderation_events_never_changed` BEFORE UPDATE ON `moderation_events`
BEGIN SELECT RAISE(ABORT, 'a moderation record is never changed'); END;
--> statement-breakpoint
-- The same for safeguarding: a case, what was done about it, and the words it is about stay.
CREATE TRIGGER `safeguarding_actions_never_deleted` BEFORE DELETE ON `safeguarding_actions`
BEGIN SELECT RAISE(ABORT, 'a safeguarding record is never deleted'); END;--> statement-breakpoint
CREATE TRIGGER `safeguarding_actions_never_changed` BEFORE UPDATE ON `safeguarding_actions`
BEGIN SELECT RAISE(ABORT, 'a safeguarding record is never changed'); END;--> statement-breakpoint
CREATE TRIGGER `safeguarding_cases_never_deleted` BEFORE DELETE ON `safeguarding_cases`
BEGIN SELECT RAISE(ABORT, 'a safeguarding case is never deleted'); END;--> statement-breakpoint
CREATE TRIGGER `contributions_escalated_never_deleted` BEFORE DELETE ON `contributions`
WHEN OLD.`moderation_state` = 'escalated'
BEGIN SELECT RAISE(ABORT, 'an escalated contribution stays with the safeguarding lead'); END;
