#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock and process CPU time of one piece of work.
struct Timing {
    var wallSeconds: Double
    var cpuSeconds: Double

    static func measure(_ work: () -> Void) -> Timing {
        let wall0 = now(CLOCK_MONOTONIC)
        let cpu0 = now(CLOCK_PROCESS_CPUTIME_ID)
        work()
        return Timing(wallSeconds: now(CLOCK_MONOTONIC) - wall0, cpuSeconds: now(CLOCK_PROCESS_CPUTIME_ID) - cpu0)
    }

    private static func now(_ clock: clockid_t) -> Double {
        var ts = timespec()
        clock_gettime(clock, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
