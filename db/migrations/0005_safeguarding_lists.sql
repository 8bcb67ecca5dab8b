CREATE TABLE `safeguarding_list_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edits` text NOT NULL,
	`note` text,
	`staff_id` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
