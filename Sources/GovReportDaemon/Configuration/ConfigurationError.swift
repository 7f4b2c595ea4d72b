/// Why a configuration file or a command-line setting was refused; says where (file and line) when it can.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file the error is in, if it came from one.
    public var file: String?
    /// The 1-based line number in `file`.
    public var line: Int?
    public var message: String

    public init(file: String? = nil, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        switch (file, line) {
        case let (file?, line?): "\(file):\(line): \(message)"
        case let (nil, line?): "line \(line): \(message)"
        case let (file?, nil): "\(file): \(message)"
        case (nil, nil): message
        }
    }
}
