CREATE TABLE `safeguarding_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`action` text NOT NULL,
	`note` text NOT NULL,
	`status_after` text NOT NULL,
	`staff_id` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `safeguarding_cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `safeguarding_actions_case_idx` ON `safeguarding_actions` (`case_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `safeguarding_cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contribution_id` integer NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`categories` text DEFAULT '[]' NOT NULL,
	`escalated_by` integer,
	`reason` text,
	`escalated_at` text NOT NULL,
	`first_action_at` text,
	`closed_at` text,
	FOREIGN KEY (`contribution_id`) REFERENCES `contributions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`escalated_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `safeguarding_cases_contribution_id_unique` ON `safeguarding_cases` (`contribution_id`);--> statement-breakpoint
CREATE INDEX `safeguarding_cases_status_idx` ON `safeguarding_cases` (`status`);--> statement-breakpoint
-- Hand-written (keep when regenerating): the database itself refuses to publish an escalated contribution.
CREATE TRIGGER `contributions_escalated_stays` BEFORE UPDATE OF `moderation_state` ON `contributions`
WHEN OLD.`moderation_state` = 'escalated' AND NEW.`moderation_state` <> 'escalated'
BEGIN SELECT RAISE(ABORT, 'an escalated contribution stays with the safeguarding lead'); END;--> statement-breakpoint
CREATE TRIGGER `summary_quotes_never_escalated` BEFORE INSERT ON `summary_quotes`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` = NEW.`contribution_id` AND `moderation_state` = 'escalated')
  OR EXISTS (SELECT 1 FROM `safeguarding_cases` WHERE `contribution_id` = NEW.`contribution_id`)
BEGIN SELECT RAISE(ABORT, 'an escalated contribution is never quoted'); END;
