-- A dump's sources by its name: an incremental run counts again the dumps it
-- read and those of the groups it changed (`file_holding`), which scanned
-- every source of the archive without it (0.6 s at a million).
CREATE INDEX source_file ON source (file);
