import GovReportDaemon
import Testing

@Test func versionIsSemantic() {
    #expect(DaemonVersion.string.split(separator: ".").count == 3)
}
