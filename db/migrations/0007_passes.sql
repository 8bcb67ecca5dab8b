CREATE TABLE `pass_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pass_id` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`link` text,
	`created_at` text NOT NULL,
	`read_at` text,
	FOREIGN KEY (`pass_id`) REFERENCES `passes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pass_messages_pass_idx` ON `pass_messages` (`pass_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `pass_responses` (
	`pass_id` integer NOT NULL,
	`response_id` integer NOT NULL,
	`linked_at` text NOT NULL,
	PRIMARY KEY(`pass_id`, `response_id`),
	FOREIGN KEY (`pass_id`) REFERENCES `passes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pass_responses_response_idx` ON `pass_responses` (`response_id`);--> statement-breakpoint
CREATE TABLE `pass_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`pass_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`pass_id`) REFERENCES `passes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pass_sessions_pass_idx` ON `pass_sessions` (`pass_id`);--> statement-breakpoint
CREATE TABLE `pass_sign_in_failures` (
	`nickname_key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` text NOT NULL,
	`blocked_until` text
);
--> statement-breakpoint
CREATE TABLE `passes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`nickname` text NOT NULL,
	`nickname_key` text NOT NULL,
	`secret_hash` text NOT NULL,
	`age_band` text,
	`is_parent` integer DEFAULT false NOT NULL,
	`email` text,
	`created_at` text NOT NULL,
	`last_sign_in_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `passes_nickname_key_idx` ON `passes` (`nickname_key`);