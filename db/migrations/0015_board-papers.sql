CREATE TABLE `export_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`summary_version_id` integer,
	`meeting_id` integer,
	`status` text DEFAULT 'queued' NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`file` text,
	`error` text,
	`created_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`summary_version_id`) REFERENCES `summary_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `export_jobs_owner_idx` ON `export_jobs` (`created_by`,`created_at`);--> statement-breakpoint
CREATE TABLE `response_action_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_id` integer NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`staff_id` integer,
	`at` text NOT NULL,
	FOREIGN KEY (`action_id`) REFERENCES `response_actions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `response_action_events_action_idx` ON `response_action_events` (`action_id`,`at`);--> statement-breakpoint
CREATE TABLE `response_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` integer NOT NULL,
	`position` integer NOT NULL,
	`description` text NOT NULL,
	`lead_agency` text NOT NULL,
	`owner` text NOT NULL,
	`due_on` text NOT NULL,
	`status` text DEFAULT 'not_started' NOT NULL,
	`dropped_reason` text,
	`created_at` text NOT NULL,
	`updated_by` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `board_responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `response_actions_response_idx` ON `response_actions` (`response_id`,`position`);--> statement-breakpoint
CREATE INDEX `response_actions_due_idx` ON `response_actions` (`status`,`due_on`);--> statement-breakpoint
CREATE TABLE `summary_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`summary_id` integer NOT NULL,
	`version` integer NOT NULL,
	`content` text NOT NULL,
	`meeting_id` integer,
	`sent_by` integer,
	`sent_at` text NOT NULL,
	FOREIGN KEY (`summary_id`) REFERENCES `summaries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sent_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `summary_versions_key_idx` ON `summary_versions` (`summary_id`,`version`);--> statement-breakpoint
CREATE TABLE `you_said_we_did_corrections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`lang` text DEFAULT 'en' NOT NULL,
	`field` text NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`note` text,
	`staff_id` integer,
	`at` text NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `you_said_we_did`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `you_said_we_did_corrections_entry_idx` ON `you_said_we_did_corrections` (`entry_id`,`at`);--> statement-breakpoint
CREATE TABLE `you_said_we_did_reads` (
	`pass_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`read_at` text NOT NULL,
	PRIMARY KEY(`pass_id`, `entry_id`),
	FOREIGN KEY (`pass_id`) REFERENCES `passes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `you_said_we_did`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `you_said_we_did_translations` (
	`response_id` integer NOT NULL,
	`lang` text NOT NULL,
	`you_said` text NOT NULL,
	`we_did` text NOT NULL,
	`you_said_parents` text NOT NULL,
	`we_did_parents` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`response_id`, `lang`),
	FOREIGN KEY (`response_id`) REFERENCES `board_responses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_board_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agenda_item_id` integer NOT NULL,
	`decision` text NOT NULL,
	`actions` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`you_said` text,
	`we_did` text,
	`you_said_parents` text,
	`we_did_parents` text,
	`review_session_id` integer,
	`review_sent_at` text,
	`recorded_by` integer,
	`recorded_at` text NOT NULL,
	`updated_by` integer,
	`updated_at` text,
	`published_at` text,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_board_responses`("id", "agenda_item_id", "decision", "actions", "status", "recorded_by", "recorded_at", "published_at") SELECT "id", "agenda_item_id", "decision", "actions", 'published', "recorded_by", "recorded_at", "recorded_at" FROM `board_responses`;--> statement-breakpoint
DROP TABLE `board_responses`;--> statement-breakpoint
ALTER TABLE `__new_board_responses` RENAME TO `board_responses`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `board_responses_agenda_item_id_unique` ON `board_responses` (`agenda_item_id`);--> statement-breakpoint
CREATE TABLE `__new_summaries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer,
	`item_kind` text,
	`title` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`outcome_ids` text NOT NULL,
	`scope` text,
	`figures` text,
	`purpose` text,
	`key_message` text NOT NULL,
	`recommendation` text,
	`report_of` text,
	`contact_officer` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` integer,
	`updated_at` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_summaries`("id", "meeting_id", "item_kind", "title", "period_from", "period_to", "outcome_ids", "figures", "key_message", "recommendation", "status", "created_by", "created_at") SELECT s."id", s."meeting_id", (SELECT a."kind" FROM `agenda_items` a WHERE a."summary_id" = s."id" ORDER BY a."id" LIMIT 1), s."title", s."period_from", s."period_to", s."outcome_ids", s."figures", s."key_message", s."recommendation", 'sent', s."created_by", s."created_at" FROM `summaries` s;--> statement-breakpoint
DROP TABLE `summaries`;--> statement-breakpoint
ALTER TABLE `__new_summaries` RENAME TO `summaries`;--> statement-breakpoint
CREATE INDEX `summaries_meeting_idx` ON `summaries` (`meeting_id`);--> statement-breakpoint
ALTER TABLE `agenda_items` ADD `summary_version_id` integer;--> statement-breakpoint
ALTER TABLE `summary_quotes` ADD `position` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `you_said_we_did` ADD `corrected_at` text;--> statement-breakpoint
ALTER TABLE `you_said_we_did` ADD `checked_by_young_people` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `you_said_we_did` ADD `locality_ids` text DEFAULT '[]' NOT NULL;