CREATE TABLE `import_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`staff_id` integer,
	`filename` text NOT NULL,
	`file_hash` text NOT NULL,
	`total_rows` integer NOT NULL,
	`valid_count` integer NOT NULL,
	`valid_rows` text DEFAULT '[]' NOT NULL,
	`rejected_rows` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'validated' NOT NULL,
	`processed` integer DEFAULT 0 NOT NULL,
	`imported_count` integer DEFAULT 0 NOT NULL,
	`error` text,
	`created_at` text NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_jobs_consultation_idx` ON `import_jobs` (`consultation_id`,`created_at`);