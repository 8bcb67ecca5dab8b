CREATE TABLE `thread_helped` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`pass_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`pass_id`) REFERENCES `passes`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `thread_helped_pass_idx` ON `thread_helped` (`thread_id`,`pass_id`);--> statement-breakpoint
CREATE TABLE `thread_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`pass_id` integer,
	`reason` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`pass_id`) REFERENCES `passes`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `thread_reports_pass_idx` ON `thread_reports` (`thread_id`,`pass_id`);--> statement-breakpoint
ALTER TABLE `threads` ADD `published_at` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `published_by` integer REFERENCES staff_users(id);--> statement-breakpoint
ALTER TABLE `threads` ADD `public_question` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `public_answer` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `report_hidden_at` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `reviewed_at` text;--> statement-breakpoint
CREATE INDEX `threads_published_idx` ON `threads` (`published_at`);