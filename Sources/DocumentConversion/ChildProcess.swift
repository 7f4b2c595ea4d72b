#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one program as a child process, without a shell, in its own process group, with a wall-clock limit
/// and a limit on its output. Every system call of the converters is in this file.
struct ChildProcess {
    /// How a run ended.
    enum Outcome: Equatable {
        /// The program exited (`status` is its exit code, or 128 + the signal that ended it).
        case exited(status: Int32, stdout: [UInt8], stderr: [UInt8])
        /// Still running at the deadline; its process group was killed.
        case timedOut
        /// It wrote more than the output limit; its process group was killed.
        case outputTooLarge
        /// It could not be started (`errno` of `posix_spawn`).
        case notStarted(errno: Int32)
    }

    let executable: String
    let arguments: [String]
    var timeout: Duration
    var outputLimit: Int
    /// The child's whole environment: a fixed, small one, so a converter behaves the same under any service.
    var environment = ["PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C.UTF-8", "LANG=C.UTF-8"]

    /// Starts the program, reads its standard output and error until it exits, and reaps it.
    func run() -> Outcome {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0 else { return .notStarted(errno: errno) }
        guard pipe(&errPipe) == 0 else {
            let code = errno
            close(outPipe[0]); close(outPipe[1])
            return .notStarted(errno: code)
        }
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group (pgid = its pid), so a timeout kills whatever it started too.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { for p in argv + envp { free(p) } }

        var pid: pid_t = 0
        var spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        // ETXTBSY: another thread's child still holds the program open for writing (a script just written);
        // it goes away when that child execs.
        for _ in 0..<20 where spawned == ETXTBSY {
            usleep(10_000)
            spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        }
        close(outPipe[1])
        close(errPipe[1])
        defer { close(outPipe[0]); close(errPipe[0]) }
        guard spawned == 0 else { return .notStarted(errno: spawned) }

        let deadline = ContinuousClock.now + timeout
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var open = [true, true]
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while open[0] || open[1] {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return terminate(pid, .timedOut) }
            var fds = [pollfd(fd: open[0] ? outPipe[0] : -1, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: open[1] ? errPipe[0] : -1, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, Int32(clamping: Self.milliseconds(left)))
            if ready < 0 && errno != EINTR { return terminate(pid, .timedOut) }
            for k in 0..<2 where open[k] && fds[k].revents != 0 {
                let n = chunk.withUnsafeMutableBytes { read(fds[k].fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    if k == 0 { stdout += chunk[..<n] } else if stderr.count < 64 * 1024 { stderr += chunk[..<n] }
                    if stdout.count > outputLimit { return terminate(pid, .outputTooLarge) }
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    open[k] = false
                }
            }
        }
        // Both pipes are closed; wait for the exit, still within the deadline (polling from 50 µs up to 5 ms).
        var pause: UInt32 = 50
        while true {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid {
                let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                return .exited(status: code, stdout: stdout, stderr: stderr)
            }
            if reaped < 0 && errno != EINTR { return .exited(status: -1, stdout: stdout, stderr: stderr) }
            if ContinuousClock.now >= deadline { return terminate(pid, .timedOut) }
            usleep(pause)
            pause = min(pause * 2, 5_000)
        }
    }

    /// Kills the child's process group, reaps the child, and returns `outcome`.
    private func terminate(_ pid: pid_t, _ outcome: Outcome) -> Outcome {
        _ = kill(-pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return outcome
    }

    private static func milliseconds(_ d: Duration) -> Int64 {
        let (seconds, attoseconds) = d.components
        return max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }

    /// Writes bytes to a new private file (mode 0600) in `directory`; returns its path.
    static func writeTemporaryFile(_ bytes: [UInt8], directory: String, suffix: String) -> String? {
        var template = Array("\(directory)/govreport-XXXXXX\(suffix)".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, Int32(suffix.utf8.count)) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                unlink(path)
                return nil
            }
            written += n
        }
        return path
    }

    static func remove(_ path: String) {
        unlink(path)
    }

    /// The first executable file named `name` in the directories of `PATH` (a name with a slash is used as is).
    static func find(_ name: String, path: String?) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        let directories = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for directory in directories {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// The value of an environment variable of this process.
    static func environmentValue(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
