extension String {
    /// Columns the text takes in a terminal: CJK and full-width characters take 2, combining marks 0.
    var displayWidth: Int {
        var width = 0
        for scalar in unicodeScalars { width += scalar.displayWidth }
        return width
    }

    /// The text followed by spaces up to `width` terminal columns (unchanged when already as wide).
    func padded(to width: Int) -> String {
        let missing = width - displayWidth
        return missing > 0 ? self + String(repeating: " ", count: missing) : self
    }
}

extension Unicode.Scalar {
    /// 0, 1 or 2 terminal columns, after Unicode's East Asian Width (wide and full-width ranges).
    var displayWidth: Int {
        let v = value
        if v < 0x20 || (0x7f..<0xa0).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0xfe00...0xfe0f).contains(v) { return 0 }  // variation selectors
        return Self.wideRanges.contains { $0.contains(v) } ? 2 : 1
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115f,  // Hangul Jamo initials
        0x2e80...0x303e,  // CJK radicals, punctuation (、。「」)
        0x3041...0x33ff,  // kana, Bopomofo, CJK compatibility
        0x3400...0x4dbf,  // CJK extension A
        0x4e00...0x9fff,  // CJK unified ideographs
        0xa000...0xa4cf,  // Yi
        0xac00...0xd7a3,  // Hangul syllables
        0xf900...0xfaff,  // CJK compatibility ideographs
        0xfe30...0xfe4f,  // CJK compatibility forms
        0xff00...0xff60,  // full-width forms (（）：，)
        0xffe0...0xffe6,  // full-width signs
        0x1f300...0x1f64f,  // emoji
        0x1f900...0x1f9ff,  // supplemental symbols and pictographs
        0x20000...0x2fffd,  // CJK extensions B–F
        0x30000...0x3fffd,  // CJK extension G
    ]
}
