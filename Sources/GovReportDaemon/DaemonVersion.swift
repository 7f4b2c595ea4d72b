/// The version govreportd and govreportctl report.
public enum DaemonVersion {
    public static let string = "0.1.0"
}
