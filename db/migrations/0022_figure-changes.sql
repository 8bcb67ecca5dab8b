CREATE TABLE `figure_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contribution_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `figure_changes_pruned` (
	`id` integer PRIMARY KEY NOT NULL,
	`pruned_through` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Hand-written (keep when regenerating): the triggers of 0021 that concern one contribution are made again to also
-- name it in figure_changes, in the same transaction, with the same conditions (so answers waiting for moderation
-- still write nothing here). An update names the old and the new contribution when it moves a row from one to another.
-- An update of an approved contribution is named only when a column the index counts by changed: a body blanked by
-- retention or re-masked changes no count (it still raises figures_version, for the quotes kept in figure_cache).
INSERT INTO `figure_changes_pruned` (`id`, `pruned_through`) VALUES (1, 0);
--> statement-breakpoint
DROP TRIGGER IF EXISTS `figures_contributions_insert`;
--> statement-breakpoint
CREATE TRIGGER `figures_contributions_insert` AFTER INSERT ON `contributions`
WHEN NEW.`moderation_state` = 'approved'
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; INSERT INTO `figure_changes` (`contribution_id`) VALUES (NEW.`id`); END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `figures_contributions_update`;
--> statement-breakpoint
CREATE TRIGGER `figures_contributions_update` AFTER UPDATE ON `contributions`
WHEN OLD.`moderation_state` = 'approved' OR NEW.`moderation_state` = 'approved'
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; INSERT INTO `figure_changes` (`contribution_id`) SELECT NEW.`id` WHERE OLD.`id` IS NOT NEW.`id` OR OLD.`moderation_state` IS NOT NEW.`moderation_state` OR OLD.`created_at` IS NOT NEW.`created_at` OR OLD.`response_id` IS NOT NEW.`response_id` OR OLD.`audience` IS NOT NEW.`audience` OR OLD.`age_band` IS NOT NEW.`age_band` OR OLD.`locality_id` IS NOT NEW.`locality_id` OR OLD.`group_id` IS NOT NEW.`group_id` OR OLD.`source` IS NOT NEW.`source` OR OLD.`kind` IS NOT NEW.`kind` OR OLD.`value_int` IS NOT NEW.`value_int` OR OLD.`question_id` IS NOT NEW.`question_id`; INSERT INTO `figure_changes` (`contribution_id`) SELECT OLD.`id` WHERE OLD.`id` <> NEW.`id`; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `figures_contributions_delete`;
--> statement-breakpoint
CREATE TRIGGER `figures_contributions_delete` AFTER DELETE ON `contributions`
WHEN OLD.`moderation_state` = 'approved'
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; INSERT INTO `figure_changes` (`contribution_id`) VALUES (OLD.`id`); END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `figures_contribution_tags_insert`;
--> statement-breakpoint
CREATE TRIGGER `figures_contribution_tags_insert` AFTER INSERT ON `contribution_tags`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` = NEW.`contribution_id` AND `moderation_state` = 'approved')
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; INSERT INTO `figure_changes` (`contribution_id`) VALUES (NEW.`contribution_id`); END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `figures_contribution_tags_update`;
--> statement-breakpoint
CREATE TRIGGER `figures_contribution_tags_update` AFTER UPDATE ON `contribution_tags`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` IN (OLD.`contribution_id`, NEW.`contribution_id`) AND `moderation_state` = 'approved')
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; INSERT INTO `figure_changes` (`contribution_id`) SELECT `id` FROM `contributions` WHERE `id` IN (OLD.`contribution_id`, NEW.`contribution_id`); END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `figures_contribution_tags_delete`;
--> statement-breakpoint
CREATE TRIGGER `figures_contribution_tags_delete` AFTER DELETE ON `contribution_tags`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` = OLD.`contribution_id` AND `moderation_state` = 'approved')
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; INSERT INTO `figure_changes` (`contribution_id`) VALUES (OLD.`contribution_id`); END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `figures_contribution_themes_insert`;
--> statement-breakpoint
CREATE TRIGGER `figures_contribution_themes_insert` AFTER INSERT ON `contribution_themes`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` = NEW.`contribution_id` AND `moderation_state` = 'approved')
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; INSERT INTO `figure_changes` (`contribution_id`) VALUES (NEW.`contribution_id`); END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `figures_contribution_themes_update`;
--> statement-breakpoint
CREATE TRIGGER `figures_contribution_themes_update` AFTER UPDATE ON `contribution_themes`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` IN (OLD.`contribution_id`, NEW.`contribution_id`) AND `moderation_state` = 'approved')
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; INSERT INTO `figure_changes` (`contribution_id`) SELECT `id` FROM `contributions` WHERE `id` IN (OLD.`contribution_id`, NEW.`contribution_id`); END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `figures_contribution_themes_delete`;
--> statement-breakpoint
CREATE TRIGGER `figures_contribution_themes_delete` AFTER DELETE ON `contribution_themes`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` = OLD.`contribution_id` AND `moderation_state` = 'approved')
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; INSERT INTO `figure_changes` (`contribution_id`) VALUES (OLD.`contribution_id`); END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `figures_contribution_choices_insert`;
--> statement-breakpoint
CREATE TRIGGER `figures_contribution_choices_insert` AFTER INSERT ON `contribution_choices`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` = NEW.`contribution_id` AND `moderation_state` = 'approved')
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; INSERT INTO `figure_changes` (`contribution_id`) VALUES (NEW.`contribution_id`); END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `figures_contribution_choices_update`;
--> statement-breakpoint
CREATE TRIGGER `figures_contribution_choices_update` AFTER UPDATE ON `contribution_choices`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` IN (OLD.`contribution_id`, NEW.`contribution_id`) AND `moderation_state` = 'approved')
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; INSERT INTO `figure_changes` (`contribution_id`) SELECT `id` FROM `contributions` WHERE `id` IN (OLD.`contribution_id`, NEW.`contribution_id`); END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `figures_contribution_choices_delete`;
--> statement-breakpoint
CREATE TRIGGER `figures_contribution_choices_delete` AFTER DELETE ON `contribution_choices`
WHEN EXISTS (SELECT 1 FROM `contributions` WHERE `id` = OLD.`contribution_id` AND `moderation_state` = 'approved')
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; INSERT INTO `figure_changes` (`contribution_id`) VALUES (OLD.`contribution_id`); END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `figures_safeguarding_cases_insert`;
--> statement-breakpoint
CREATE TRIGGER `figures_safeguarding_cases_insert` AFTER INSERT ON `safeguarding_cases`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; INSERT INTO `figure_changes` (`contribution_id`) VALUES (NEW.`contribution_id`); END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `figures_safeguarding_cases_update`;
--> statement-breakpoint
CREATE TRIGGER `figures_safeguarding_cases_update` AFTER UPDATE ON `safeguarding_cases`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; INSERT INTO `figure_changes` (`contribution_id`) VALUES (NEW.`contribution_id`); INSERT INTO `figure_changes` (`contribution_id`) SELECT OLD.`contribution_id` WHERE OLD.`contribution_id` <> NEW.`contribution_id`; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `figures_safeguarding_cases_delete`;
--> statement-breakpoint
CREATE TRIGGER `figures_safeguarding_cases_delete` AFTER DELETE ON `safeguarding_cases`
BEGIN UPDATE `figures_version` SET `n` = `n` + 1 WHERE `id` = 1; INSERT INTO `figure_changes` (`contribution_id`) VALUES (OLD.`contribution_id`); END;
