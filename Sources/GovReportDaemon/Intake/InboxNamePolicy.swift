/// Which inbox names the intake leaves alone: files that are not (yet) meant for it.
///
/// Hidden files (`.name`, also how rsync and many uploaders name a file while writing it), `*.tmp` and
/// `*.part` (downloads and copies in progress) and Office lock files (`~$name`).
enum InboxNamePolicy {
    /// True when the intake should leave the entry alone.
    static func ignores(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("~$") || name.hasSuffix(".tmp") || name.hasSuffix(".part")
            || name.isEmpty
    }
}
