CREATE TABLE `figure_cache` (
	`key` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`value` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `figures_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`n` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Hand-written (keep when regenerating): every write that can change a summary's live figures or quote candidates raises
-- figures_version.n in the same transaction, so a figure cached at an older number is never shown again.
INSERT INTO `figures_version` (`id`, `n`) VALUES (1, 0);--> statement-breakpoint
-- A contribution counts only once approved: writing or changing one that is and was not approved, or its tags, themes
-- or choices, changes nothing shown (answers waiting for moderation arrive all day).
CREATE TRIGGER `figures_contributions_insert` AFTER INSERT ON `contributions` WHEN NEW.`moderation_state` = 'approved'
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_contributions_update` AFTER UPDATE ON `contributions`
WHEN OLD.`moderation_state` = 'approved' OR NEW.`moderation_state` = 'approved'
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_contributions_delete` AFTER DELETE ON `contributions` WHEN OLD.`moderation_state` = 'approved'
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_contribution_tags_insert` AFTER INSERT ON `contribution_tags`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` = NEW.`contribution_id` AND `moderation_state` = 'approved')
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_contribution_tags_update` AFTER UPDATE ON `contribution_tags`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` IN (OLD.`contribution_id`, NEW.`contribution_id`) AND `moderation_state` = 'approved')
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_contribution_tags_delete` AFTER DELETE ON `contribution_tags`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` = OLD.`contribution_id` AND `moderation_state` = 'approved')
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_contribution_themes_insert` AFTER INSERT ON `contribution_themes`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` = NEW.`contribution_id` AND `moderation_state` = 'approved')
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_contribution_themes_update` AFTER UPDATE ON `contribution_themes`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` IN (OLD.`contribution_id`, NEW.`contribution_id`) AND `moderation_state` = 'approved')
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_contribution_themes_delete` AFTER DELETE ON `contribution_themes`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` = OLD.`contribution_id` AND `moderation_state` = 'approved')
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_contribution_choices_insert` AFTER INSERT ON `contribution_choices`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` = NEW.`contribution_id` AND `moderation_state` = 'approved')
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_contribution_choices_update` AFTER UPDATE ON `contribution_choices`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` IN (OLD.`contribution_id`, NEW.`contribution_id`) AND `moderation_state` = 'approved')
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_contribution_choices_delete` AFTER DELETE ON `contribution_choices`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` = OLD.`contribution_id` AND `moderation_state` = 'approved')
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_safeguarding_cases_insert` AFTER INSERT ON `safeguarding_cases`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_safeguarding_cases_update` AFTER UPDATE ON `safeguarding_cases`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_safeguarding_cases_delete` AFTER DELETE ON `safeguarding_cases`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_themes_insert` AFTER INSERT ON `themes`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_themes_update` AFTER UPDATE ON `themes`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_themes_delete` AFTER DELETE ON `themes`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_localities_insert` AFTER INSERT ON `localities`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_localities_update` AFTER UPDATE ON `localities`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_localities_delete` AFTER DELETE ON `localities`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_areas_insert` AFTER INSERT ON `areas`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_areas_update` AFTER UPDATE ON `areas`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_areas_delete` AFTER DELETE ON `areas`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_populations_insert` AFTER INSERT ON `populations`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_populations_update` AFTER UPDATE ON `populations`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_populations_delete` AFTER DELETE ON `populations`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_priorities_insert` AFTER INSERT ON `priorities`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_priorities_update` AFTER UPDATE ON `priorities`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_priorities_delete` AFTER DELETE ON `priorities`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_outcomes_insert` AFTER INSERT ON `outcomes`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_outcomes_update` AFTER UPDATE ON `outcomes`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_outcomes_delete` AFTER DELETE ON `outcomes`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_questions_insert` AFTER INSERT ON `questions`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_questions_update` AFTER UPDATE ON `questions`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_questions_delete` AFTER DELETE ON `questions`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_question_options_insert` AFTER INSERT ON `question_options`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_question_options_update` AFTER UPDATE ON `question_options`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_question_options_delete` AFTER DELETE ON `question_options`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_consultations_insert` AFTER INSERT ON `consultations`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_consultations_update` AFTER UPDATE ON `consultations`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `figures_consultations_delete` AFTER DELETE ON `consultations`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
-- What was kept is removed as soon as it is out of date: nothing counted from a contribution that has since been
-- hidden, escalated or removed (retention) stays in the cache.
CREATE TRIGGER `figures_version_clears_cache` AFTER UPDATE OF `n` ON `figures_version`
BEGIN DELETE FROM `figure_cache`; END;
