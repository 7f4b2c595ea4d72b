/// `pause` and `resume`: whether intake is paused now.
public struct IntakeResult: Sendable, Hashable, Codable {
    public var intakePaused: Bool

    public init(intakePaused: Bool) {
        self.intakePaused = intakePaused
    }

    enum CodingKeys: String, CodingKey {
        case intakePaused = "intake_paused"
    }
}
