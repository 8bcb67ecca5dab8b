CREATE TABLE `agenda_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	`outcome_id` integer,
	`priority_id` integer,
	`agenda_item_id` integer,
	`summary` text,
	FOREIGN KEY (`session_id`) REFERENCES `group_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`outcome_id`) REFERENCES `outcomes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`priority_id`) REFERENCES `priorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agenda_questions_session_idx` ON `agenda_questions` (`session_id`,`position`);--> statement-breakpoint
CREATE INDEX `agenda_questions_item_idx` ON `agenda_questions` (`agenda_item_id`);--> statement-breakpoint
CREATE TABLE `group_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`group_id` integer NOT NULL,
	`pass_id` integer NOT NULL,
	`age_band` text,
	`locality_id` integer,
	`joined_at` text NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pass_id`) REFERENCES `passes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`locality_id`) REFERENCES `localities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `group_members_group_pass_idx` ON `group_members` (`group_id`,`pass_id`);--> statement-breakpoint
CREATE INDEX `group_members_pass_idx` ON `group_members` (`pass_id`);--> statement-breakpoint
CREATE TABLE `group_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`place` text,
	`access_info` text,
	`online_url` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`cancel_reason` text,
	`created_by` integer,
	`created_at` text NOT NULL,
	`published_at` text,
	`closed_at` text,
	`summary_sent_at` text,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `group_sessions_starts_idx` ON `group_sessions` (`starts_at`);--> statement-breakpoint
CREATE TABLE `join_attempts` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`window_started_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `session_attendance` (
	`session_id` integer NOT NULL,
	`band` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`session_id`, `band`),
	FOREIGN KEY (`session_id`) REFERENCES `group_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `session_groups` (
	`session_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	PRIMARY KEY(`session_id`, `group_id`),
	FOREIGN KEY (`session_id`) REFERENCES `group_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_groups_group_idx` ON `session_groups` (`group_id`);--> statement-breakpoint
CREATE TABLE `session_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`agenda_question_id` integer NOT NULL,
	`client_id` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`body` text NOT NULL,
	`outcome_ids` text DEFAULT '[]' NOT NULL,
	`marker` text,
	`from_flipchart` integer DEFAULT false NOT NULL,
	`created_by` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`contribution_id` integer,
	FOREIGN KEY (`session_id`) REFERENCES `group_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agenda_question_id`) REFERENCES `agenda_questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contribution_id`) REFERENCES `contributions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `session_notes_client_idx` ON `session_notes` (`session_id`,`client_id`);--> statement-breakpoint
CREATE INDEX `session_notes_question_idx` ON `session_notes` (`agenda_question_id`,`id`);--> statement-breakpoint
CREATE INDEX `session_notes_updated_idx` ON `session_notes` (`session_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `session_views` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`agenda_question_id` integer NOT NULL,
	`contribution_id` integer NOT NULL,
	`pass_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `group_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agenda_question_id`) REFERENCES `agenda_questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contribution_id`) REFERENCES `contributions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pass_id`) REFERENCES `passes`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `session_views_question_idx` ON `session_views` (`agenda_question_id`);--> statement-breakpoint
CREATE INDEX `session_views_pass_idx` ON `session_views` (`pass_id`);--> statement-breakpoint
ALTER TABLE `groups` ADD `facilitator_id` integer REFERENCES staff_users(id);--> statement-breakpoint
ALTER TABLE `groups` ADD `place` text;--> statement-breakpoint
ALTER TABLE `groups` ADD `access_info` text;--> statement-breakpoint
ALTER TABLE `groups` ADD `status` text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE `groups` ADD `code_renewed_at` text;--> statement-breakpoint
ALTER TABLE `groups` ADD `created_at` text;