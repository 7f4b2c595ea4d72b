import ReportModel

/// Assigns a table region's printed values to template rows, matching rows by their distinctive text.
///
/// Labels and values are read as one stream. Every occurrence of every row's anchor text is a candidate; the
/// chosen anchors are the increasing chain whose spans (an anchored row and the unanchored rows after it) hold
/// the number of values their columns need — so labels printed away from their numbers (plain `pdftotext`), vertical
/// group labels and two labels on one line all end up with the right values.
struct RowMatcher: Sendable {
    let rows: [RowDefinition]
    /// Every row's anchors, their scalars one after another in `anchorText`, grouped by the low bits of their first
    /// scalar (`bucketMask`): the anchors that may start where a scalar `s` is are
    /// `anchors[bucketStart[b] ..< bucketStart[b + 1]]` with `b = s & bucketMask`. Flat, so that looking at a position
    /// touches no nested array.
    let anchorText: [Unicode.Scalar]
    let anchors: [Anchor]
    let bucketStart: [Int]
    static let bucketMask: UInt32 = 0xFFF
    /// How many columns the rows before each row have: `prefixColumns[r]` for rows `0..<r`, the total last.
    let prefixColumns: [Int]

    /// One anchor: its row and where its scalars lie in `anchorText`.
    struct Anchor {
        let row: Int
        let start: Int
        let count: Int
    }

    init(rows: [RowDefinition]) {
        self.rows = rows
        var prefix = [0]
        for row in rows { prefix.append(prefix[prefix.count - 1] + row.columns.count) }
        self.prefixColumns = prefix
        var text: [Unicode.Scalar] = []
        var buckets = [[Anchor]](repeating: [], count: Int(RowMatcher.bucketMask) + 1)
        for (r, row) in rows.enumerated() {
            for anchor in row.anchors {
                let scalars = Array(anchor.unicodeScalars)
                guard let first = scalars.first else { continue }
                buckets[Int(first.value & RowMatcher.bucketMask)].append(Anchor(row: r, start: text.count, count: scalars.count))
                text.append(contentsOf: scalars)
            }
        }
        self.anchorText = text
        var start = [0]
        var flat: [Anchor] = []
        for bucket in buckets {
            flat.append(contentsOf: bucket)
            start.append(flat.count)
        }
        self.anchors = flat
        self.bucketStart = start
    }

    /// Calls `body` with the row of every anchor that occurs at position `i` of `s`.
    @inline(__always)
    private func forEachAnchor(at i: Int, in s: UnsafeBufferPointer<Unicode.Scalar>,
                               text: UnsafeBufferPointer<Unicode.Scalar>, anchors: UnsafeBufferPointer<Anchor>,
                               starts: UnsafeBufferPointer<Int>, _ body: (Int) -> Bool) -> Bool {
        let b = Int(s[i].value & RowMatcher.bucketMask)
        let n = s.count
        for k in starts[b]..<starts[b + 1] {
            let anchor = anchors[k]
            guard text[anchor.start] == s[i], i + anchor.count <= n else { continue }
            var j = 1
            while j < anchor.count && s[i + j] == text[anchor.start + j] { j += 1 }
            if j == anchor.count && !body(anchor.row) { return false }
        }
        return true
    }

    /// An occurrence of a row's anchor: the row, and its (doubled) stream position.
    struct Node {
        let row: Int
        let position: Int
        var valueStart = 0
    }

    /// Every (row, start position) at which one of the row's anchors occurs, each pair once, ordered by position and
    /// then row; positions are doubled (see `match`). One pass over the stream, trying at each position only the anchors whose first scalar could match.
    func anchorNodes(in stream: [Unicode.Scalar]) -> [Node] {
        var nodes: [Node] = []
        stream.withUnsafeBufferPointer { s in
            anchorText.withUnsafeBufferPointer { text in
                anchors.withUnsafeBufferPointer { anchors in
                    bucketStart.withUnsafeBufferPointer { starts in
                        for i in 0..<s.count {
                            let first = nodes.count
                            _ = forEachAnchor(at: i, in: s, text: text, anchors: anchors, starts: starts) { r in
                                // Rows at one position in increasing order, each once.
                                var k = nodes.count
                                while k > first && nodes[k - 1].row > r { k -= 1 }
                                if !(k > first && nodes[k - 1].row == r) { nodes.insert(Node(row: r, position: 2 * i), at: k) }
                                return true
                            }
                        }
                    }
                }
            }
        }
        return nodes
    }

    /// True when any row's anchor occurs in the key (the same question as `containsBytes` on its text, asked once for
    /// all anchors).
    func containsAnyAnchor(_ key: ArraySlice<Unicode.Scalar>) -> Bool {
        key.withUnsafeBufferPointer { s in
            anchorText.withUnsafeBufferPointer { text in
                anchors.withUnsafeBufferPointer { anchors in
                    bucketStart.withUnsafeBufferPointer { starts in
                        for i in 0..<s.count {
                            let searched = forEachAnchor(at: i, in: s, text: text, anchors: anchors, starts: starts) { _ in false }
                            if !searched { return true }
                        }
                        return false
                    }
                }
            }
        }
    }

    /// A span of consecutive template rows and the values printed between its anchor and the next.
    struct Span {
        var rowRange: Range<Int>
        var anchored: Bool
        var valueRange: Range<Int>
        /// Stream position of the anchor that starts the span.
        var anchorPosition: Int?
    }

    struct Value {
        let text: String
        let position: Int
        let line: Int
        let lineIndex: Int
    }

    /// The values of the region grouped by template rows; `keys` is the buffer the lines' label keys lie in.
    func match(_ lines: [TableLine], keys: [Unicode.Scalar]) -> [RowEvidence] {
        // Label stream and value positions.
        var stream: [Unicode.Scalar] = []
        var values: [Value] = []
        var lineEnds: [Int] = []
        var keyScalars = 0, valueCount = 0
        for line in lines {
            keyScalars += line.keyRange.count
            valueCount += line.values.count
        }
        stream.reserveCapacity(keyScalars)
        values.reserveCapacity(valueCount)
        lineEnds.reserveCapacity(lines.count)
        for (i, line) in lines.enumerated() {
            stream.append(contentsOf: keys[line.keyRange])
            lineEnds.append(stream.count)
            // Positions are doubled so a value (just before its line's end) sorts before an anchor that starts the
            // next line exactly where this one ends.
            for v in line.values {
                values.append(Value(text: v, position: 2 * stream.count - 1, line: line.number, lineIndex: i))
            }
        }
        let spans = bestSpans(nodes: anchorNodes(in: stream), valuePositions: values.map(\.position))
        var evidence: [RowEvidence] = []
        for span in spans {
            let spanValues = values[span.valueRange]
            var parts = distribute(spanValues, over: span.rowRange, lines: lines)
            // A row printed with only blank delimited cells ("| 行政事业性收费 | | | |").
            if spanValues.isEmpty, parts.count == 1, let p = span.anchorPosition,
               let line = lineEnds.firstIndex(where: { 2 * $0 > p }) {
                parts[0].trailingBlanks = lines[line].trailingBlanks
                parts[0].lines = [lines[line].number]
                parts[0].sourceLines = [lines[line].sourceScalars]
            }
            evidence.append(contentsOf: parts)
        }
        return evidence
    }

    /// The chain of anchors that best explains where the values are (dynamic programming over anchor occurrences).
    func bestSpans(nodes: [Node], valuePositions: [Int]) -> [Span] {
        let prefixColumns = self.prefixColumns
        func cost(rows r: Range<Int>, values v: Range<Int>) -> Int {
            abs(v.count - (prefixColumns[r.upperBound] - prefixColumns[r.lowerBound]))
        }
        // Nodes: (row, position). Score = 1 per anchored row − 10 per value out of place.
        var nodes = nodes
        // The first value at or after each node (positions only grow).
        var v = 0
        for i in nodes.indices {
            while v < valuePositions.count && valuePositions[v] < nodes[i].position { v += 1 }
            nodes[i].valueStart = v
        }
        let n = nodes.count
        var best = [Int](repeating: Int.min, count: n)
        var back = [Int](repeating: -1, count: n)
        // The pairs of nodes are many (quadratic): walked through pointers, with the cost written out.
        nodes.withUnsafeBufferPointer { nodes in
            prefixColumns.withUnsafeBufferPointer { columns in
                best.withUnsafeMutableBufferPointer { best in
                    back.withUnsafeMutableBufferPointer { back in
                        for i in 0..<n {
                            let node = nodes[i]
                            // From the start: rows before this one form an unanchored span with the values before it.
                            best[i] = 1 - 10 * abs(node.valueStart - (columns[node.row] - columns[0]))
                            for j in 0..<i where best[j] != Int.min {
                                let prev = nodes[j]
                                guard prev.row < node.row, prev.position < node.position else { continue }
                                let needed = columns[node.row] - columns[prev.row]
                                let s = best[j] + 1 - 10 * abs((node.valueStart - prev.valueStart) - needed)
                                if s > best[i] {
                                    best[i] = s
                                    back[i] = j
                                }
                            }
                        }
                    }
                }
            }
        }
        // Close the chain at the end of the region.
        var bestScore = -10 * cost(rows: 0..<rows.count, values: 0..<valuePositions.count)
        var bestLast = -1
        for i in 0..<n where best[i] != Int.min {
            let node = nodes[i]
            let s = best[i] - 10 * cost(rows: node.row..<rows.count, values: node.valueStart..<valuePositions.count)
            if s > bestScore {
                bestScore = s
                bestLast = i
            }
        }
        var chain: [Node] = []
        var k = bestLast
        while k >= 0 {
            chain.append(nodes[k])
            k = back[k]
        }
        chain.reverse()
        var spans: [Span] = []
        let firstRow = chain.first?.row ?? rows.count
        let firstValue = chain.first?.valueStart ?? valuePositions.count
        if firstRow > 0 || firstValue > 0 {
            spans.append(Span(rowRange: 0..<firstRow, anchored: false, valueRange: 0..<firstValue))
        }
        for (i, node) in chain.enumerated() {
            let nextRow = i + 1 < chain.count ? chain[i + 1].row : rows.count
            let nextValue = i + 1 < chain.count ? chain[i + 1].valueStart : valuePositions.count
            spans.append(Span(rowRange: node.row..<nextRow, anchored: true, valueRange: node.valueStart..<nextValue,
                              anchorPosition: node.position))
        }
        return spans
    }

    /// Splits a span's values among its rows: by count when it fits exactly, by line when lines match rows,
    /// otherwise one shared evidence for the placement solver.
    func distribute(_ values: ArraySlice<Value>, over rowRange: Range<Int>, lines: [TableLine]) -> [RowEvidence] {
        guard !rowRange.isEmpty else { return [] }
        func evidence(_ rowRange: Range<Int>, _ vs: ArraySlice<Value>) -> RowEvidence {
            // Values come in stream order, so their line indices never decrease: each line once, in order, counted
            // first so that the arrays are made at their size.
            var distinct = 0, last = -1
            for v in vs where v.lineIndex != last {
                distinct += 1
                last = v.lineIndex
            }
            var numbers: [Int] = []
            var sources: [ArraySlice<Unicode.Scalar>] = []
            numbers.reserveCapacity(distinct)
            sources.reserveCapacity(distinct)
            last = -1
            for v in vs where v.lineIndex != last {
                numbers.append(lines[v.lineIndex].number)
                sources.append(lines[v.lineIndex].sourceScalars)
                last = v.lineIndex
            }
            // All the values of one line (the usual row) are that line's array of values, shared instead of copied.
            let only = distinct == 1 ? vs[vs.startIndex].lineIndex : -1
            let texts = only >= 0 && lines[only].values.count == vs.count ? lines[only].values : vs.map(\.text)
            var e = RowEvidence(rowRange: rowRange, definitions: rows, values: texts, lines: numbers, sourceLines: sources)
            if only >= 0 {
                e.leadingBlanks = lines[only].leadingBlanks
                e.trailingBlanks = lines[only].trailingBlanks
            }
            return e
        }
        if rowRange.count == 1 { return [evidence(rowRange, values)] }
        let needed = prefixColumns[rowRange.upperBound] - prefixColumns[rowRange.lowerBound]
        if values.count == needed {
            var out: [RowEvidence] = []
            var offset = values.startIndex
            for r in rowRange {
                let count = rows[r].columns.count
                out.append(evidence(r..<(r + 1), values[offset..<(offset + count)]))
                offset += count
            }
            return out
        }
        // The values' lines as groups of consecutive values (start index of each group).
        var groupStarts: [Int] = []
        var previousLine = -1
        for i in values.indices where values[i].lineIndex != previousLine {
            groupStarts.append(i)
            previousLine = values[i].lineIndex
        }
        if groupStarts.count == rowRange.count {
            var fits = true
            for (g, r) in rowRange.enumerated() {
                let end = g + 1 < groupStarts.count ? groupStarts[g + 1] : values.endIndex
                if end - groupStarts[g] > rows[r].columns.count { fits = false; break }
            }
            if fits {
                return rowRange.enumerated().map { g, r in
                    let end = g + 1 < groupStarts.count ? groupStarts[g + 1] : values.endIndex
                    return evidence(r..<(r + 1), values[groupStarts[g]..<end])
                }
            }
        }
        return [evidence(rowRange, values)]
    }
}
