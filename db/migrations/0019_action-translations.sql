ALTER TABLE `response_action_events` ADD `kind` text DEFAULT 'status' NOT NULL;--> statement-breakpoint
ALTER TABLE `response_action_events` ADD `detail` text;--> statement-breakpoint
ALTER TABLE `response_actions` ADD `description_pl` text;--> statement-breakpoint
ALTER TABLE `response_actions` ADD `description_ar` text;