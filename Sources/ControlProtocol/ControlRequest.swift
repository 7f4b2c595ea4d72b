import Foundation

/// One request line: `{"id": 7, "command": "jobs", "params": {…}}`. `params` may be left out when a
/// command takes none or only defaults.
public struct ControlRequest: Sendable, Hashable, Codable {
    /// Chosen by the client; every response line to this request carries it.
    public var id: Int64
    public var command: ControlCommand

    public init(id: Int64, command: ControlCommand) {
        self.id = id
        self.command = command
    }

    /// Why a line is not a request the server can run.
    public enum DecodingFailure: Error, Sendable, Hashable {
        /// Not a JSON object with a numeric `id` and a string `command`.
        case malformed(String)
        /// A `command` this protocol version does not know.
        case unknownCommand(id: Int64, name: String)
        /// A known command whose `params` do not fit it.
        case badParameters(id: Int64, detail: String)
    }

    enum CodingKeys: String, CodingKey {
        case id, command, params
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        let name = try c.decode(String.self, forKey: .command)
        func params<T: Decodable & Sendable>(_ defaultValue: T) throws -> T {
            try c.decodeIfPresent(T.self, forKey: .params) ?? defaultValue
        }
        switch name {
        case "hello": command = .hello(try params(HelloRequest()))
        case "status": command = .status
        case "jobs": command = .jobs(try params(JobsQuery()))
        case "show": command = .show(try c.decode(ShowRequest.self, forKey: .params))
        case "retry": command = .retry(try params(RetryRequest()))
        case "export": command = .export(try params(ExportRequest()))
        case "pause": command = .pause
        case "resume": command = .resume
        case "watch": command = .watch(try params(WatchRequest()))
        case "decide": command = .decide(try c.decode(DecisionRequest.self, forKey: .params))
        case "compare": command = .compare(try c.decode(CompareRequest.self, forKey: .params))
        default:
            throw DecodingFailure.unknownCommand(id: id, name: name)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(command.name, forKey: .command)
        switch command {
        case .hello(let p): try c.encode(p, forKey: .params)
        case .jobs(let p): try c.encode(p, forKey: .params)
        case .show(let p): try c.encode(p, forKey: .params)
        case .retry(let p): try c.encode(p, forKey: .params)
        case .export(let p): try c.encode(p, forKey: .params)
        case .watch(let p): try c.encode(p, forKey: .params)
        case .decide(let p): try c.encode(p, forKey: .params)
        case .compare(let p): try c.encode(p, forKey: .params)
        case .status, .pause, .resume: break
        }
    }

    /// Decodes one line, telling a malformed line from an unknown command and from bad parameters.
    public static func decode(line: some Collection<UInt8>) -> Result<ControlRequest, DecodingFailure> {
        let data = Data(line)
        do {
            return .success(try ControlJSON.decoder.decode(ControlRequest.self, from: data))
        } catch let failure as DecodingFailure {
            return .failure(failure)
        } catch {
            // Tell "not a request at all" from "a request whose params are wrong" by its envelope.
            guard let envelope = try? ControlJSON.decoder.decode(Envelope.self, from: data) else {
                return .failure(.malformed("不是带有数字 id 和字符串 command 的 JSON 对象"))
            }
            return .failure(.badParameters(id: envelope.id, detail: ControlJSON.describe(error)))
        }
    }

    /// The part of a request every line must have.
    private struct Envelope: Decodable {
        var id: Int64
        var command: String
    }
}
