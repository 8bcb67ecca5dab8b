-- Full-text search for the feedback inbox (issue 10). External content: the index holds the masked words only, read from
-- contributions.masked_body, and triggers keep it in step with every insert, edit and delete. Only free text is indexed.
CREATE VIRTUAL TABLE `contributions_fts` USING fts5(masked_body, content='contributions', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO `contributions_fts`(rowid, masked_body) SELECT id, masked_body FROM contributions WHERE masked_body IS NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `contributions_fts_ai` AFTER INSERT ON `contributions` WHEN new.masked_body IS NOT NULL BEGIN
  INSERT INTO `contributions_fts`(rowid, masked_body) VALUES (new.id, new.masked_body);
END;
--> statement-breakpoint
CREATE TRIGGER `contributions_fts_ad` AFTER DELETE ON `contributions` WHEN old.masked_body IS NOT NULL BEGIN
  INSERT INTO `contributions_fts`(`contributions_fts`, rowid, masked_body) VALUES ('delete', old.id, old.masked_body);
END;
--> statement-breakpoint
CREATE TRIGGER `contributions_fts_au` AFTER UPDATE OF masked_body ON `contributions` BEGIN
  INSERT INTO `contributions_fts`(`contributions_fts`, rowid, masked_body) SELECT 'delete', old.id, old.masked_body WHERE old.masked_body IS NOT NULL;
  INSERT INTO `contributions_fts`(rowid, masked_body) SELECT new.id, new.masked_body WHERE new.masked_body IS NOT NULL;
END;
--> statement-breakpoint
-- The inbox lists free text newest first; untagged is the usual filter.
CREATE INDEX `contributions_inbox_idx` ON `contributions` (`kind`, `created_at`, `id`);
