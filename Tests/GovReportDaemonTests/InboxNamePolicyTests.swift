@testable import GovReportDaemon
import Testing

@Suite struct InboxNamePolicyTests {
    @Test func leavesPartialHiddenAndLockFilesAlone() {
        for name in [".upload.txt", "a.tmp", "b.part", "~$report.docx", ""] { #expect(InboxNamePolicy.ignores(name)) }
        for name in ["report.txt", "报告.pdf", "a.tmp.txt", "part"] { #expect(!InboxNamePolicy.ignores(name)) }
    }
}
