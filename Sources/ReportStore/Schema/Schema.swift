/// The store's schema as a list of migrations; `docs/storage.md` describes the tables and views for people.
///
/// Times are integer milliseconds since 1970-01-01 UTC (the views show them as ISO text).
package enum Schema {
    package static let migrations: [Migration] = [v1, v2, v3]

    /// Tables, indexes and triggers.
    ///
    /// Checks are written `x = 'a' OR x = 'b'`, not `x IN ('a', 'b')`: SQLite builds a temporary b-tree for a
    /// constant IN list each time a single-row INSERT evaluates it, which made storing cells ~40× slower.
    /// `cells` declares no foreign keys: with ~200 rows per report the two parent look-ups per row cost ~40 % of
    /// storing them. Its rows are written only with their report, in the same transaction, reports are never
    /// deleted, and `cell_names` only grows.
    static let v1 = Migration(version: 1, name: "tables", sql: """
        CREATE TABLE documents (
            sha256      TEXT PRIMARY KEY NOT NULL,
            bytes       BLOB NOT NULL,
            size        INTEGER NOT NULL,
            file_name   TEXT NOT NULL,
            received_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE jobs (
            id              INTEGER PRIMARY KEY,
            document_sha256 TEXT NOT NULL REFERENCES documents(sha256),
            entry           TEXT NOT NULL,
            file_name       TEXT NOT NULL,
            state           TEXT NOT NULL CHECK (state = 'queued' OR state = 'running' OR state = 'stored'
                OR state = 'retrying' OR state = 'failed' OR state = 'rejected' OR state = 'duplicate'
                OR state = 'quarantined'),
            attempts        INTEGER NOT NULL DEFAULT 0,
            rescues         INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER,
            last_error      TEXT,
            created_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL,
            duplicate_of    INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
            report_id       INTEGER REFERENCES reports(id)
        ) STRICT;
        CREATE INDEX jobs_by_document ON jobs(document_sha256);
        CREATE INDEX jobs_by_state ON jobs(state, id);
        CREATE INDEX jobs_by_duplicate_of ON jobs(duplicate_of);
        CREATE INDEX jobs_ready ON jobs(next_attempt_at, id) WHERE (state = 'queued' OR state = 'retrying');
        CREATE INDEX jobs_finished ON jobs(updated_at)
            WHERE (state = 'stored' OR state = 'failed' OR state = 'rejected' OR state = 'duplicate');

        CREATE TABLE job_events (
            id         INTEGER PRIMARY KEY,
            job_id     INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            at         INTEGER NOT NULL,
            from_state TEXT,
            to_state   TEXT NOT NULL,
            note       TEXT
        ) STRICT;
        CREATE INDEX job_events_by_job ON job_events(job_id, id);
        CREATE TRIGGER job_events_append_only BEFORE UPDATE ON job_events
        BEGIN
            SELECT RAISE(ABORT, 'job_events is append-only');
        END;

        CREATE TABLE job_counts (
            state TEXT PRIMARY KEY NOT NULL,
            n     INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;
        INSERT INTO job_counts (state, n) VALUES
            ('queued', 0), ('running', 0), ('stored', 0), ('retrying', 0),
            ('failed', 0), ('rejected', 0), ('duplicate', 0), ('quarantined', 0);
        CREATE TRIGGER jobs_count_insert AFTER INSERT ON jobs
        BEGIN
            UPDATE job_counts SET n = n + 1 WHERE state = NEW.state;
        END;
        CREATE TRIGGER jobs_count_delete AFTER DELETE ON jobs
        BEGIN
            UPDATE job_counts SET n = n - 1 WHERE state = OLD.state;
        END;
        CREATE TRIGGER jobs_count_update AFTER UPDATE OF state ON jobs WHEN OLD.state IS NOT NEW.state
        BEGIN
            UPDATE job_counts SET n = n - 1 WHERE state = OLD.state;
            UPDATE job_counts SET n = n + 1 WHERE state = NEW.state;
        END;

        CREATE TABLE settings (
            key   TEXT PRIMARY KEY NOT NULL,
            value ANY
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE reports (
            id              INTEGER PRIMARY KEY,
            document_sha256 TEXT REFERENCES documents(sha256),
            file            TEXT NOT NULL,
            format          TEXT NOT NULL,
            encoding        TEXT,
            template        TEXT CHECK (template = 'gov2019' OR template = 'gov2021' OR template = 'legacy'),
            year            INTEGER,
            body            TEXT,
            title           TEXT,
            published       TEXT,
            parsed_status   TEXT NOT NULL CHECK (parsed_status = 'valid' OR parsed_status = 'warnings'
                OR parsed_status = 'invalid' OR parsed_status = 'rejected'),
            status          TEXT NOT NULL CHECK (status = 'valid' OR status = 'warnings' OR status = 'invalid'
                OR status = 'rejected'),
            version         INTEGER NOT NULL,
            supersedes      INTEGER REFERENCES reports(id),
            is_current      INTEGER NOT NULL CHECK (is_current = 0 OR is_current = 1),
            stored_at       INTEGER NOT NULL,
            title_year      INTEGER,
            period_year     INTEGER,
            text_year       INTEGER,
            extra_labels    TEXT,
            cells_packed    BLOB NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX reports_current ON reports(body, year) WHERE is_current = 1;
        CREATE INDEX reports_versions ON reports(body, year, version);
        CREATE INDEX reports_by_document ON reports(document_sha256);
        CREATE INDEX reports_by_supersedes ON reports(supersedes);

        CREATE TABLE sections (
            report_id INTEGER NOT NULL REFERENCES reports(id),
            section   TEXT NOT NULL CHECK (section = 's1' OR section = 's2' OR section = 's3' OR section = 's4'
                OR section = 's5' OR section = 's6'),
            heading   TEXT NOT NULL,
            text      TEXT NOT NULL,
            PRIMARY KEY (report_id, section)
        ) STRICT;

        CREATE TABLE cell_names (
            id      INTEGER PRIMARY KEY,
            tbl     TEXT NOT NULL CHECK (tbl = 't2' OR tbl = 't3' OR tbl = 't4'),
            row_key TEXT NOT NULL,
            col_key TEXT NOT NULL,
            UNIQUE (tbl, row_key, col_key)
        ) STRICT;

        CREATE TABLE cells (
            report_id INTEGER NOT NULL,  -- reports(id); see below
            name_id   INTEGER NOT NULL,  -- cell_names(id)
            raw       TEXT NOT NULL,
            kind      TEXT NOT NULL CHECK (kind = 'number' OR kind = 'zero' OR kind = 'empty' OR kind = 'na'
                OR kind = 'text' OR kind = 'missing'),
            value     ANY CHECK (typeof(value) = 'integer' OR typeof(value) = 'real' OR typeof(value) = 'null'),
            unit      TEXT,
            inferred  INTEGER NOT NULL CHECK (inferred = 0 OR inferred = 1),
            PRIMARY KEY (report_id, name_id)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE findings (
            id          INTEGER PRIMARY KEY,
            report_id   INTEGER NOT NULL REFERENCES reports(id),
            rule        TEXT NOT NULL,
            severity    TEXT NOT NULL CHECK (severity = 'error' OR severity = 'warning' OR severity = 'info'),
            section     TEXT,
            tbl         TEXT,
            row_key     TEXT,
            col_key     TEXT,
            source      TEXT,
            message     TEXT NOT NULL,
            expected    ANY CHECK (typeof(expected) = 'integer' OR typeof(expected) = 'real'
                OR typeof(expected) = 'null'),
            actual      ANY CHECK (typeof(actual) = 'integer' OR typeof(actual) = 'real'
                OR typeof(actual) = 'null'),
            fingerprint TEXT NOT NULL,
            cross_year  INTEGER NOT NULL CHECK (cross_year = 0 OR cross_year = 1)
        ) STRICT;
        CREATE INDEX findings_by_report ON findings(report_id);

        CREATE TABLE decisions (
            fingerprint TEXT NOT NULL,
            body        TEXT NOT NULL,
            year        INTEGER NOT NULL,
            decision    TEXT NOT NULL CHECK (decision = 'accepted' OR decision = 'dismissed'),
            decided_by  TEXT NOT NULL,
            decided_at  INTEGER NOT NULL,
            note        TEXT,
            PRIMARY KEY (fingerprint, body, year)
        ) STRICT;
        """)

    /// Views for people who open the file with the `sqlite3` tool, and an index for finding lookups by fingerprint.
    static let v2 = Migration(version: 2, name: "views", sql: """
        CREATE INDEX findings_by_fingerprint ON findings(fingerprint);

        CREATE VIEW current_reports AS
        SELECT r.id, r.body, r.year, r.template, r.status, r.version, r.supersedes, r.file, r.format, r.encoding,
               r.title, r.published, r.document_sha256,
               strftime('%Y-%m-%dT%H:%M:%SZ', r.stored_at / 1000, 'unixepoch') AS stored_at,
               (SELECT count(*) FROM findings f WHERE f.report_id = r.id AND f.severity = 'error') AS errors,
               (SELECT count(*) FROM findings f WHERE f.report_id = r.id AND f.severity = 'warning') AS warnings
        FROM reports r
        WHERE r.is_current = 1;

        CREATE VIEW report_versions AS
        SELECT r.id, r.body, r.year, r.version, r.is_current, r.supersedes, r.status, r.file, r.document_sha256,
               strftime('%Y-%m-%dT%H:%M:%SZ', r.stored_at / 1000, 'unixepoch') AS stored_at
        FROM reports r;

        CREATE VIEW cells_long AS
        SELECT c.report_id, r.body, r.year, r.template, r.is_current,
               n.tbl, n.row_key, n.col_key, n.tbl || '.' || n.row_key || '.' || n.col_key AS name,
               c.raw, c.kind, c.value, c.unit, c.inferred
        FROM cells c
        JOIN cell_names n ON n.id = c.name_id
        JOIN reports r ON r.id = c.report_id;

        CREATE VIEW t3_wide AS
        SELECT c.report_id, r.body, r.year, r.template, n.row_key,
               max(CASE n.col_key WHEN 'natural' THEN c.value END) AS natural,
               max(CASE n.col_key WHEN 'commercial' THEN c.value END) AS commercial,
               max(CASE n.col_key WHEN 'research' THEN c.value END) AS research,
               max(CASE n.col_key WHEN 'nonprofit' THEN c.value END) AS nonprofit,
               max(CASE n.col_key WHEN 'legal' THEN c.value END) AS legal,
               max(CASE n.col_key WHEN 'other' THEN c.value END) AS other,
               max(CASE n.col_key WHEN 'total' THEN c.value END) AS total
        FROM cells c
        JOIN cell_names n ON n.id = c.name_id AND n.tbl = 't3'
        JOIN reports r ON r.id = c.report_id AND r.is_current = 1
        GROUP BY c.report_id, n.row_key
        ORDER BY c.report_id, min(n.id);

        CREATE VIEW open_findings AS
        SELECT f.report_id, r.body, r.year, f.rule, f.severity,
               coalesce(f.tbl || '.' || f.row_key || coalesce('.' || f.col_key, ''), f.tbl, f.section) AS place,
               f.message, f.expected, f.actual, f.fingerprint, f.cross_year, d.decision, d.decided_by, d.note
        FROM findings f
        JOIN reports r ON r.id = f.report_id AND r.is_current = 1
        LEFT JOIN decisions d ON d.fingerprint = f.fingerprint AND d.body = r.body AND d.year = r.year
        WHERE d.decision IS NULL OR d.decision <> 'dismissed';

        CREATE VIEW job_overview AS
        SELECT j.id, j.state, j.file_name, j.document_sha256, j.attempts, j.rescues, j.last_error, j.duplicate_of,
               j.report_id,
               strftime('%Y-%m-%dT%H:%M:%SZ', j.created_at / 1000, 'unixepoch') AS created_at,
               strftime('%Y-%m-%dT%H:%M:%SZ', j.updated_at / 1000, 'unixepoch') AS updated_at,
               strftime('%Y-%m-%dT%H:%M:%SZ', j.next_attempt_at / 1000, 'unixepoch') AS next_attempt_at
        FROM jobs j;
        """)

    /// The cells move into their report's row: `reports.cells_json` (see ``CellsJSON``) becomes the cells' form
    /// in the file, and `cells` becomes a view over it with the table's columns, so that `cells_long`, `t3_wide`
    /// and people's queries keep working. Storing a report writes one row instead of ~200 `cells` rows.
    ///
    /// Existing files are converted in the same transaction: each report's rows become its object (cells whose
    /// text is their integer value as the bare integer), then the table goes. `cells_long` and `t3_wide` are
    /// made again with `CROSS JOIN` (reports, then their cells, then the names): `json_each` tells the planner
    /// that a scan costs next to nothing, so it would otherwise scan every report's cells once per matching
    /// name. `t3_wide` groups by the report's body and year too, so that a filter on them reaches the reports.
    static let v3 = Migration(version: 3, name: "cells in the report row", sql: """
        ALTER TABLE reports ADD COLUMN cells_json TEXT NOT NULL DEFAULT '{}';

        UPDATE reports SET cells_json = coalesce((
            SELECT json_group_object(c.name_id,
                CASE WHEN typeof(c.value) = 'integer' AND c.raw = CAST(c.value AS TEXT) AND c.unit IS NULL
                          AND c.inferred = 0 AND c.kind = CASE c.value WHEN 0 THEN 'zero' ELSE 'number' END
                     THEN c.value
                     ELSE json_array(c.raw, c.kind, c.value, c.unit, c.inferred) END)
            FROM (SELECT * FROM cells WHERE report_id = reports.id ORDER BY name_id) c), '{}');

        DROP VIEW cells_long;
        DROP VIEW t3_wide;
        DROP TABLE cells;

        CREATE VIEW cells AS
        SELECT r.id AS report_id, CAST(e.key AS INTEGER) AS name_id,
               CASE e.type WHEN 'array' THEN e.value ->> 0 ELSE CAST(e.atom AS TEXT) END AS raw,
               CASE e.type WHEN 'array' THEN e.value ->> 1
                           ELSE CASE e.atom WHEN 0 THEN 'zero' ELSE 'number' END END AS kind,
               CASE e.type WHEN 'array' THEN e.value ->> 2 ELSE e.atom END AS value,
               CASE e.type WHEN 'array' THEN e.value ->> 3 END AS unit,
               CASE e.type WHEN 'array' THEN coalesce(e.value ->> 4, 0) ELSE 0 END AS inferred
        FROM reports r CROSS JOIN json_each(r.cells_json) e;

        CREATE VIEW cells_long AS
        SELECT c.report_id, r.body, r.year, r.template, r.is_current,
               n.tbl, n.row_key, n.col_key, n.tbl || '.' || n.row_key || '.' || n.col_key AS name,
               c.raw, c.kind, c.value, c.unit, c.inferred
        FROM reports r
        CROSS JOIN cells c ON c.report_id = r.id
        CROSS JOIN cell_names n ON n.id = c.name_id;

        CREATE VIEW t3_wide AS
        SELECT r.id AS report_id, r.body, r.year, r.template, n.row_key,
               max(CASE n.col_key WHEN 'natural' THEN c.value END) AS natural,
               max(CASE n.col_key WHEN 'commercial' THEN c.value END) AS commercial,
               max(CASE n.col_key WHEN 'research' THEN c.value END) AS research,
               max(CASE n.col_key WHEN 'nonprofit' THEN c.value END) AS nonprofit,
               max(CASE n.col_key WHEN 'legal' THEN c.value END) AS legal,
               max(CASE n.col_key WHEN 'other' THEN c.value END) AS other,
               max(CASE n.col_key WHEN 'total' THEN c.value END) AS total
        FROM reports r
        CROSS JOIN cells c ON c.report_id = r.id
        CROSS JOIN cell_names n ON n.id = c.name_id AND n.tbl = 't3'
        WHERE r.is_current = 1
        GROUP BY r.id, r.body, r.year, r.template, n.row_key
        ORDER BY r.id, min(n.id);
        """)
}
