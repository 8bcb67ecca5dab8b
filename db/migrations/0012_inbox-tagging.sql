CREATE TABLE `age_band_settings` (
	`age_band` text PRIMARY KEY NOT NULL,
	`shown` integer DEFAULT true NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `populations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`locality_id` integer NOT NULL,
	`age_band` text NOT NULL,
	`people` integer NOT NULL,
	FOREIGN KEY (`locality_id`) REFERENCES `localities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `populations_key_idx` ON `populations` (`year`,`locality_id`,`age_band`);--> statement-breakpoint
CREATE TABLE `schools` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`locality_id` integer,
	`phase` text NOT NULL,
	FOREIGN KEY (`locality_id`) REFERENCES `localities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `schools_locality_idx` ON `schools` (`locality_id`);--> statement-breakpoint
CREATE TABLE `contribution_themes` (
	`contribution_id` integer NOT NULL,
	`theme_id` integer NOT NULL,
	`tagged_by` integer,
	`created_at` text NOT NULL,
	PRIMARY KEY(`contribution_id`, `theme_id`),
	FOREIGN KEY (`contribution_id`) REFERENCES `contributions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `themes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tagged_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contribution_themes_theme_idx` ON `contribution_themes` (`theme_id`,`contribution_id`);--> statement-breakpoint
CREATE TABLE `tag_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contribution_id` integer NOT NULL,
	`staff_id` integer,
	`kind` text NOT NULL,
	`outcome_id` integer,
	`from_priority_id` integer,
	`to_priority_id` integer,
	`theme_id` integer,
	`action` text NOT NULL,
	`from_label` text,
	`to_label` text,
	`via` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`contribution_id`) REFERENCES `contributions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`outcome_id`) REFERENCES `outcomes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_priority_id`) REFERENCES `priorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_priority_id`) REFERENCES `priorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`theme_id`) REFERENCES `themes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tag_events_contribution_idx` ON `tag_events` (`contribution_id`,`id`);--> statement-breakpoint
CREATE TABLE `themes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`created_by` integer,
	`created_at` text NOT NULL,
	`merged_into` integer,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `themes_name_idx` ON `themes` (`name`);--> statement-breakpoint
ALTER TABLE `targets` ADD `code` text;--> statement-breakpoint
ALTER TABLE `targets` ADD `latest_on` text;--> statement-breakpoint
ALTER TABLE `targets` ADD `lead_group` text;