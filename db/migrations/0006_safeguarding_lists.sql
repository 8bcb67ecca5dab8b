CREATE TABLE `safeguarding_list_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edits` text NOT NULL,
	`note` text,
	`staff_id` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Every saved version of the lists is kept as it was saved: who, when, what. The newest is in force.
CREATE TRIGGER `safeguarding_list_versions_kept` BEFORE DELETE ON `safeguarding_list_versions`
BEGIN SELECT RAISE(ABORT, 'a saved version of the safeguarding lists is never deleted'); END;--> statement-breakpoint
CREATE TRIGGER `safeguarding_list_versions_unchanged` BEFORE UPDATE ON `safeguarding_list_versions`
BEGIN SELECT RAISE(ABORT, 'a saved version of the safeguarding lists is never changed'); END;
