/// The control protocol's version; the hello exchange states it.
public enum ProtocolVersion {
    public static let current = 1
}
