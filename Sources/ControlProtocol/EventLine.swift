/// An `event` line of a watch.
public struct EventLine: Sendable, Codable {
    public var type = ResponseType.event
    public var id: Int64
    public var event: DaemonEvent

    public init(id: Int64, event: DaemonEvent) {
        self.id = id
        self.event = event
    }
}
