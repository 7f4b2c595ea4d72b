import GovReportDaemon
import Testing

@Suite struct ConfigurationParserTests {
    let parser = ConfigurationParser()

    @Test func defaultsPutEverythingUnderTheDataDirectory() throws {
        let configuration = try parser.parse("")
        #expect(configuration.inboxPath == "./govreport-data/inbox")
        #expect(configuration.databasePath == "./govreport-data/govreport.sqlite")
        #expect(configuration.quarantinePath == "./govreport-data/quarantine")
        #expect(configuration.socketPath == "./govreport-data/govreportd.sock")
        #expect(configuration.workers >= 1)
    }

    @Test func readsEverySetting() throws {
        let text = """
            # production
            data_dir = /var/lib/govreport
            inbox = /var/spool/govreport/inbox   # dropped here
            database = /var/lib/govreport/store.sqlite
            quarantine = /var/lib/govreport/quarantine
            socket = "/run/govreport/govreportd.sock"
            socket_mode = 0660
            read_group = govreport
            admin_group = govreport-admin
            workers = 4
            max_file_size = 20M
            settle_seconds = 1.5
            scan_interval = 5m
            job_timeout = 90s
            retry.max_attempts = 7
            retry.base_delay = 500ms
            retry.max_delay = 1h
            drain_timeout = 20
            queue_high_water = 10_000
            pdftotext = /usr/bin/pdftotext
            antiword = /usr/bin/antiword
            log_level = debug
            """
        let c = try parser.parse(text)
        #expect(c.inboxPath == "/var/spool/govreport/inbox")
        #expect(c.databasePath == "/var/lib/govreport/store.sqlite")
        #expect(c.socketPath == "/run/govreport/govreportd.sock")
        #expect(c.socketMode == 0o660)
        #expect(c.readGroup == "govreport" && c.adminGroup == "govreport-admin")
        #expect(c.workers == 4)
        #expect(c.maxFileSize == 20 * 1024 * 1024)
        #expect(c.settle == .milliseconds(1500))
        #expect(c.scanInterval == .seconds(300))
        #expect(c.jobTimeout == .seconds(90))
        #expect(c.retryMaxAttempts == 7 && c.retryBaseDelay == .milliseconds(500) && c.retryMaxDelay == .seconds(3600))
        #expect(c.drainTimeout == .seconds(20))
        #expect(c.queueHighWater == 10_000)
        #expect(c.pdftotext == "/usr/bin/pdftotext" && c.antiword == "/usr/bin/antiword")
        #expect("\(c.logLevel)" == "debug")
    }

    @Test func unknownKeysAreErrorsWithTheLineNumber() {
        #expect {
            _ = try parser.parse("workers = 2\n\n# note\nworker = 3\n", file: "d.conf")
        } throws: { error in
            (error as? ConfigurationError)?.description.hasPrefix("d.conf:4: unknown setting 'worker'") == true
        }
    }

    @Test func badValuesRepeatedKeysAndMissingEqualsAreErrors() {
        for (text, line, words) in [("workers = 0", 1, "workers"), ("\nmax_file_size = lots", 2, "max_file_size"),
                                    ("log_level = loud", 1, "log_level"), ("socket_mode = 0999", 1, "octal"),
                                    ("workers = 1\nworkers = 2", 2, "already set on line 1"), ("inbox", 1, "key = value")] {
            #expect {
                _ = try parser.parse(text)
            } throws: { error in
                guard let error = error as? ConfigurationError else { return false }
                return error.line == line && error.description.contains(words)
            }
        }
    }

    @Test func dataDirectoryOverrideMovesEveryPath() throws {
        var c = try parser.parse("inbox = /elsewhere/inbox\nsocket = /run/x.sock\n")
        c.useDataDirectory("/tmp/d")
        #expect(c.inboxPath == "/tmp/d/inbox")
        #expect(c.socketPath == "/tmp/d/govreportd.sock")
        #expect(c.lockPath == "/tmp/d/govreportd.lock")
    }
}
