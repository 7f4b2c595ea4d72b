/// Text gathered from markup: white space collapsed as a browser shows it, references decoded, lines ended by
/// block elements.
struct HTMLTextBuffer {
    private(set) var bytes: [UInt8] = []
    /// Where the current (unfinished) line starts in `bytes`.
    private var lineStart = 0
    /// White space was seen since the last visible character; it becomes one space before the next one.
    private var pendingSpace = false
    /// Lines ended so far.
    private(set) var lineCount = 0

    var isEmpty: Bool { bytes.isEmpty }

    /// Appends raw page text (`b[range]`), decoding references and collapsing white space; `&nbsp;` and the
    /// other fixed-width spaces count as white space.
    mutating func append(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = b[i]
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C {
                pendingSpace = true
                i += 1
            } else if c == UInt8(ascii: "&"), let (scalar, next) = HTMLEntities.decode(b, at: i, end: end) {
                append(scalar)
                i = next
            } else if c == 0xC2 && i + 1 < end && b[i + 1] == 0xA0 {
                pendingSpace = true  // a literal no-break space
                i += 2
            } else {
                if pendingSpace { space() }
                // The run of ordinary bytes up to the next space, reference or no-break space, copied at once.
                var j = i + 1
                while j < end {
                    let d = b[j]
                    if d == 0x20 || d == 0x0A || d == 0x09 || d == 0x0D || d == 0x0C || d == UInt8(ascii: "&") || d == 0xC2 {
                        break
                    }
                    j += 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j]))
                i = j
            }
        }
    }

    /// Appends one character (spaces collapse, control characters are dropped).
    mutating func append(_ scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0xA0, 0x2002, 0x2003, 0x2009: pendingSpace = true
        case 0x00..<0x20, 0x7F, 0xAD, 0x200B: break
        default:
            if pendingSpace { space() }
            CharacterFolding.append(scalar, to: &bytes)
        }
    }

    /// Appends finished lines (a nested table's rendering) as they are.
    mutating func append(lines: [UInt8]) {
        guard !lines.isEmpty else { return }
        breakLine()
        bytes.append(contentsOf: lines)
        if bytes.last != 0x0A { bytes.append(0x0A) }
        lineStart = bytes.count
        lineCount += 1
    }

    private mutating func space() {
        pendingSpace = false
        if bytes.count > lineStart { bytes.append(0x20) }
    }

    /// Ends the current line, if it has any text.
    mutating func breakLine() {
        pendingSpace = false
        if bytes.count > lineStart {
            bytes.append(0x0A)
            lineStart = bytes.count
            lineCount += 1
        }
    }

    /// Starts a new piece of text (a table cell) at the end: no space carries over into it.
    mutating func startSegment() {
        pendingSpace = false
        lineStart = bytes.count
    }

    /// The text with its final line ended.
    mutating func finish() -> [UInt8] {
        breakLine()
        return bytes
    }

    /// The text of `range` trimmed of white space (the ideographic space included) at both ends, for a cell.
    func trimmedText(_ range: Range<Int>) -> String {
        String(decoding: bytes[trimmedRange(range)], as: UTF8.self)
    }

    /// `range` without white space (the ideographic space included) at either end.
    func trimmedRange(_ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            if bytes[lo] == 0x20 || bytes[lo] == 0x0A { lo += 1 }
            else if hi - lo >= 3 && bytes[lo] == 0xE3 && bytes[lo + 1] == 0x80 && bytes[lo + 2] == 0x80 { lo += 3 }
            else { break }
        }
        while hi > lo {
            if bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x0A { hi -= 1 }
            else if hi - lo >= 3 && bytes[hi - 3] == 0xE3 && bytes[hi - 2] == 0x80 && bytes[hi - 1] == 0x80 { hi -= 3 }
            else { break }
        }
        return lo..<hi
    }
}
