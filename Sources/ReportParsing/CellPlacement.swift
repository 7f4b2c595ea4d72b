import ReportModel

/// Puts printed values into table cells when the layout lost some, using the table's identities (spec §5).
///
/// Evidence with exactly as many values as cells is placed as printed. Evidence that is short of values is
/// expanded into every placement (which cells are missing) and, for digits that ran together, every split;
/// the placements that satisfy every identity survive. A cell on which all survivors agree is certain
/// (marked `inferred` when no single printed value stands behind it); the others stay `missing`.
///
/// Slots are numbered row by row, so the rows of a piece of evidence own one range of slots. Value vectors are
/// kept flat (`IdentityList.unknown` for an unknown value) and findings are written only for the groups there are.
struct CellPlacement: Sendable {
    let table: TableDefinition
    let identities: [SumIdentity]
    /// Most candidates tried for one piece of evidence, and most combinations across evidence.
    var candidateLimit = 2_000
    var combinationLimit = 10_000

    /// The slot of each (row key, column key), for the readers that write identities.
    let slotIndex: [String: Int]
    /// Row r's slots are `rowStart[r] ..< rowStart[r + 1]`; the slot count last.
    let rowStart: [Int]
    let slotCount: Int
    /// All identities, and each row's own identities (row sums) numbered from the row's first slot.
    let allIdentities: IdentityList
    let rowIdentities: [IdentityList]
    /// The table with every cell missing, copied and filled for each report.
    let skeleton: TableSkeleton

    init(table: TableDefinition, identities: [SumIdentity]) {
        self.table = table
        self.identities = identities
        var index: [String: Int] = [:]
        var rowStart = [0]
        var count = 0
        for row in table.rows {
            for column in row.columns {
                index[row.key + "\u{0}" + column.key] = count
                count += 1
            }
            rowStart.append(count)
        }
        self.slotIndex = index
        self.rowStart = rowStart
        self.slotCount = count
        let all = IdentityList(identities)
        self.allIdentities = all
        self.rowIdentities = (0..<table.rows.count).map { r in
            rowStart[r + 1] - rowStart[r] == 1 ? IdentityList() : all.within(rowStart[r]..<rowStart[r + 1])
        }
        self.skeleton = TableSkeleton(table)
        self.labelBytes = (0..<table.rows.count).map { first in
            (first..<table.rows.count).map { last in
                var out = TextBuilder(capacity: 64)
                out.append(text: table.id.displayName)
                out.append("“")
                for r in first...last {
                    if r > first { out.append("”“") }
                    out.append(text: table.rows[r].label)
                }
                out.append("”行")
                return out.bytes
            }
        }
    }

    /// The start of a finding's message for rows `first...last`: `labelBytes[first][last - first]` is
    /// "表三“label”“label”行" as UTF-8.
    let labelBytes: [[[UInt8]]]

    /// The slot of the cell in the row and column with these keys.
    func slot(_ row: String, _ column: String) -> Int {
        slotIndex[row + "\u{0}" + column]!
    }

    /// Ways of reading a piece of evidence, stored one after another in one array: per slot of the evidence, the
    /// index of its cell in the placement's `CellPool`, or `CellPlacement.unprinted` where nothing was printed.
    /// Candidate `c` of a group with `n` slots is `entries[c * n ..< (c + 1) * n]`.
    struct Candidates {
        var entries: [Int] = []
        var count = 0
    }

    /// Candidate entry for a slot that gets no printed value.
    static let unprinted = -1

    /// A piece of evidence short of values, with its readings, which lie in the `Workspace`.
    struct Group {
        /// Which evidence, and the slots its rows own.
        let evidence: Int
        let firstSlot: Int
        let slotCount: Int
        /// The group's candidates are `Workspace.entries[entryStart...]`, `slotCount` names each.
        var entryStart = 0
        /// The group's candidates are numbered from `candidateStart` in `Workspace.vectorOf`.
        var candidateStart = 0
        var candidateCount = 0
        /// The group's distinct value vectors are `Workspace.vectors[vectorStart...]`, `slotCount` values each, in
        /// the order first found.
        var vectorStart = 0
        var vectorCount = 0
        var split = false

        var slots: Range<Int> { firstSlot..<(firstSlot + slotCount) }
    }

    /// The buffers every group of one table is expanded in, made once per table.
    struct Workspace {
        /// All groups' candidates, one after another (pool names; see `Candidates`).
        var entries: [Int] = []
        /// For each candidate in `entries`, the number of the group's vector it gives, or -1 when it gives none.
        var vectorOf: [Int] = []
        /// All groups' distinct value vectors, one after another (`IdentityList.unknown` for unknown values).
        var vectors: [Int64] = []
        /// One candidate's values and opaque flags while it is checked.
        var values: [Int64] = []
        var opaque: [Bool] = []
        var cellsRead: [Int] = []
        var chosen: [Int] = []
        var pool = CellPool()
        var message = TextBuilder(capacity: 512)

        /// Buffers sized for a table of `slots` cells, so that a table's groups rarely grow them.
        init(slots: Int) {
            entries.reserveCapacity(slots * 8)
            vectorOf.reserveCapacity(slots * 2)
            vectors.reserveCapacity(slots * 2)
            cellsRead.reserveCapacity(16)
            chosen.reserveCapacity(16)
        }
    }

    /// The table's cells; the findings about what was repaired are appended to `findings`.
    func place(_ evidence: [RowEvidence], findings: inout [Finding]) -> Table {
        // Filled with nil in place (`repeating:` copies the value element by element).
        var cells = [Cell?](unsafeUninitializedCapacity: slotCount) { buffer, count in
            buffer.initialize(repeating: nil)
            count = slotCount
        }
        var certain = [Bool](repeating: false, count: slotCount)
        var groups: [Group] = []
        var work = Workspace(slots: slotCount)
        for (ei, e) in evidence.enumerated() {
            let lo = rowStart[e.rowRange.lowerBound], n = rowStart[e.rowRange.upperBound] - lo
            if e.values.count == n {
                for (i, v) in e.values.enumerated() {
                    cells[lo + i] = CellReader.read(v)
                    certain[lo + i] = true
                }
                continue
            }
            var values = e.padded(to: n)
            while values.count > n, values.last == "" { values.removeLast() }
            if values.count >= n {
                for i in 0..<n {
                    cells[lo + i] = CellReader.read(values[i])
                    certain[lo + i] = true
                }
                if values.count > n {
                    let extra = values[n...].joined(separator: " ")
                    findings.append(.error(RuleID.docShape(table.id),
                        "\(table.id.displayName)“\(label(e.rowRange))”行印有\(values.count)个数字，应为\(n)个；多出的“\(extra)”未读入，请核对原文。",
                        at: location(e, &work.message)))
                }
                continue
            }
            var group = Group(evidence: ei, firstSlot: lo, slotCount: n)
            expand(&group, values: values, rows: e.rowRange, work: &work)
            groups.append(group)
        }
        if !groups.isEmpty {
            var known = [Int64](repeating: IdentityList.unknown, count: slotCount)
            var opaque = [Bool](repeating: false, count: slotCount)
            for s in 0..<slotCount {
                guard let cell = cells[s] else { continue }
                if let v = CellPlacement.solvingValue(cell) { known[s] = v } else { opaque[s] = true }
            }
            let mustCheck = certain.map { !$0 }
            let (survivors, firstValues) = combine(groups, work: work, known: known, mustCheck: mustCheck,
                                                   opaque: opaque)
            resolve(groups, evidence: evidence, survivors: survivors, firstValues: firstValues, cells: &cells,
                    certain: certain, known: known, opaque: opaque, mustCheck: mustCheck, work: &work,
                    findings: &findings)
        }
        return skeleton.table(cells)
    }

    /// The value a cell contributes to an identity: blank and n/a count as 0; text or fractions can't be solved.
    static func solvingValue(_ cell: Cell) -> Int64? {
        switch cell.kind {
        case .empty, .na: 0
        case .zero, .number: cell.value?.integerValue
        case .text, .missing: nil
        }
    }

    // MARK: Candidates

    /// Every placement (and split of run-together digits) of the values over the group's slots that satisfies
    /// the identities lying entirely within the group.
    func expand(_ group: inout Group, values: [String], rows: Range<Int>, work: inout Workspace) {
        let n = group.slotCount
        work.cellsRead.removeAll(keepingCapacity: true)
        for v in values { work.cellsRead.append(work.pool.index(reading: v)) }
        group.entryStart = work.entries.count
        // Digits that ran together: split runs so that every slot gets a value. Splits come first: when one fits,
        // the placements are skipped.
        let splits = splitCandidates(values, read: work.cellsRead, slots: n, pool: &work.pool)
        let splitCount = splits.count
        if splitCount > 0 {
            group.split = true
            work.entries.append(contentsOf: splits.entries)
        }
        var candidateCount = splitCount
        // Which slots the printed values go to (order kept), the others unknown. When there are more ways than the
        // limit, none is tried: a partial search would make a guess look certain.
        let k = work.cellsRead.count
        let ways = binomial(n, k, cap: candidateLimit + 1)
        if ways <= candidateLimit {
            work.entries.reserveCapacity(work.entries.count + ways * n)
            // The increasing choices of slots in the order `forEachCombination` gives them, written in place.
            work.chosen.removeAll(keepingCapacity: true)
            work.chosen.append(contentsOf: 0..<k)
            var made = 0
            while k <= n {
                var next = 0
                for slot in 0..<n {
                    if next < k && work.chosen[next] == slot {
                        work.entries.append(work.cellsRead[next])
                        next += 1
                    } else {
                        work.entries.append(CellPlacement.unprinted)
                    }
                }
                candidateCount += 1
                made += 1
                if made >= candidateLimit || k == 0 { break }
                var i = k - 1
                while i >= 0 && work.chosen[i] == n - k + i { i -= 1 }
                if i < 0 { break }
                work.chosen[i] += 1
                for j in (i + 1)..<k { work.chosen[j] = work.chosen[j - 1] + 1 }
            }
        }
        group.candidateCount = candidateCount
        group.vectorStart = work.vectors.count
        let firstCandidate = work.vectorOf.count
        group.candidateStart = firstCandidate
        work.vectorOf.append(contentsOf: repeatElement(-1, count: candidateCount))

        let local = localIdentities(rows: rows, slots: group.slots)
        if work.values.count < n {
            work.values = [Int64](repeating: IdentityList.unknown, count: n)
            work.opaque = [Bool](repeating: false, count: n)
        }
        // Distinct vectors are found by comparing with each kept one while there are few, through their hashes after.
        var heads: [UInt64: Int] = [:]
        var nextSameHash: [Int] = []
        var splitSurvived = false
        let pool = work.pool
        var vectorCount = 0
        var vectors = work.vectors
        work.vectors = []
        defer { work.vectors = vectors }
        work.entries.withUnsafeBufferPointer { all in
            let entries = UnsafeBufferPointer(rebasing: all[group.entryStart...])
            work.values.withUnsafeMutableBufferPointer { valueBuffer in
                work.opaque.withUnsafeMutableBufferPointer { opaque in
                    work.vectorOf.withUnsafeMutableBufferPointer { vectorOf in
                        let values = UnsafeMutableBufferPointer(rebasing: valueBuffer[0..<n])
                        for c in 0..<candidateCount {
                            // A digit run that splits into values satisfying the row's identities explains the line
                            // better than any placement that leaves cells unprinted: once a split fits, placements
                            // are no longer considered.
                            let isSplit = c < splitCount
                            if !isSplit && splitSurvived { break }
                            for i in 0..<n {
                                let name = entries[c * n + i]
                                values[i] = pool.solvingValue(name) ?? IdentityList.unknown
                                opaque[i] = pool.isOpaque(name)
                            }
                            guard local.infer(values.baseAddress!, opaque: UnsafePointer(opaque.baseAddress!),
                                              mustCheck: nil) else { continue }
                            if isSplit { splitSurvived = true }
                            var found = -1
                            if vectorCount <= CellPlacement.linearVectorLimit {
                                for v in 0..<vectorCount
                                where CellPlacement.equal(vectors, group.vectorStart + v * n, values) {
                                    found = v
                                    break
                                }
                            } else {
                                let h = CellPlacement.hash(values)
                                if heads.isEmpty {
                                    nextSameHash = [Int](repeating: -1, count: vectorCount)
                                    for v in 0..<vectorCount {
                                        let hv = CellPlacement.hash(vectors, group.vectorStart + v * n, n)
                                        nextSameHash[v] = heads[hv] ?? -1
                                        heads[hv] = v
                                    }
                                }
                                var v = heads[h] ?? -1
                                while v >= 0 {
                                    if CellPlacement.equal(vectors, group.vectorStart + v * n, values) {
                                        found = v
                                        break
                                    }
                                    v = nextSameHash[v]
                                }
                                if found < 0 {
                                    nextSameHash.append(heads[h] ?? -1)
                                    heads[h] = vectorCount
                                }
                            }
                            if found >= 0 {
                                vectorOf[firstCandidate + c] = found
                            } else {
                                vectors.append(contentsOf: values)
                                vectorOf[firstCandidate + c] = vectorCount
                                vectorCount += 1
                            }
                        }
                    }
                }
            }
        }
        group.vectorCount = vectorCount
    }

    /// True when the stored vector at `offset` equals `values`.
    @inline(__always)
    static func equal(_ vectors: [Int64], _ offset: Int, _ values: UnsafeMutableBufferPointer<Int64>) -> Bool {
        vectors.withUnsafeBufferPointer { stored in
            var i = 0
            let n = values.count
            while i < n {
                if stored[offset + i] != values[i] { return false }
                i += 1
            }
            return true
        }
    }

    /// FNV-1a over a vector's values.
    static func hash(_ values: UnsafeMutableBufferPointer<Int64>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for v in values { h = (h ^ UInt64(bitPattern: v)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// FNV-1a over the stored vector of `count` values at `offset`.
    static func hash(_ vectors: [Int64], _ offset: Int, _ count: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in offset..<(offset + count) { h = (h ^ UInt64(bitPattern: vectors[i])) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// Most distinct vectors of a group searched one by one before their hashes take over.
    static let linearVectorLimit = 8

    /// The identities lying entirely within the rows' slots, renumbered to positions from their first slot.
    func localIdentities(rows: Range<Int>, slots: Range<Int>) -> IdentityList {
        if slots.count <= 1 { return IdentityList() }
        if rows.count == 1 { return rowIdentities[rows.lowerBound] }
        // The whole table: every identity, numbered as it is.
        if slots == 0..<slotCount { return allIdentities }
        return allIdentities.within(slots)
    }

    /// Splits of digit runs ("801000081") into exactly `slots` values, no value with a leading zero; `read` holds
    /// the pool index of each value read whole.
    func splitCandidates(_ values: [String], read: [Int], slots: Int, pool: inout CellPool) -> Candidates {
        // Nothing to split without a value of two or more digits (checked before building the pieces).
        guard values.count < slots, values.contains(where: CellPlacement.isDigitRun),
              var search = DigitSplitSearch(values: values, read: read, slots: slots, limit: candidateLimit)
        else { return Candidates() }
        return search.run(slots: slots, pool: &pool)
    }

    /// True when the value's compact folded text (`CharacterFolding.compact`) is two or more ASCII digits.
    static func isDigitRun(_ value: String) -> Bool {
        // One byte is at most one digit.
        if value.utf8.count < 2 { return false }
        var digits = 0
        // ASCII text folds to itself: its bytes are read directly.
        var ascii = true
        for b in value.utf8 {
            if b >= 0x80 { ascii = false; break }
            if b == 0x20 || b == 0x09 { continue }
            guard b >= 0x30 && b <= 0x39 else { return false }
            digits += 1
        }
        if ascii { return digits >= 2 }
        digits = 0
        for s in value.unicodeScalars {
            let f = CharacterFolding.fold(s)
            if f == " " || f == "\t" || f == "\u{FEFF}" { continue }
            guard f.value >= 0x30 && f.value <= 0x39 else { return false }
            digits += 1
        }
        return digits >= 2
    }

    /// Longest number a cut may produce: counts of a trillion or more are not plausible table values.
    static let maxDigitsPerCell = 12

    // MARK: Combining evidence

    /// The combinations of the groups' value vectors that satisfy every identity they take part in, flat: survivor
    /// `i` chose vector `choices[i * groups.count + g]` of group g (-1 for a group nothing fits); and the values of
    /// every slot after inference for the first survivor (empty when there is none).
    func combine(_ groups: [Group], work: Workspace, known: [Int64], mustCheck: [Bool],
                 opaque: [Bool]) -> (choices: [Int], firstValues: [Int64]) {
        var product = 1
        for g in groups {
            product *= max(g.vectorCount, 1)
            if product > combinationLimit { return ([], []) }
        }
        // A group nothing fits: the other groups are still tried, this one stays missing.
        let usable = groups.indices.filter { groups[$0].vectorCount > 0 }
        guard !usable.isEmpty else { return ([], []) }
        var survivors: [Int] = []
        var firstValues: [Int64] = []
        var choice = [Int](repeating: -1, count: groups.count)
        for g in usable { choice[g] = 0 }
        var values = known
        values.withUnsafeMutableBufferPointer { values in
            known.withUnsafeBufferPointer { known in
                opaque.withUnsafeBufferPointer { opaque in
                    mustCheck.withUnsafeBufferPointer { mustCheck in
                        work.vectors.withUnsafeBufferPointer { vectors in
                            while true {
                                values.baseAddress!.update(from: known.baseAddress!, count: known.count)
                                for g in usable {
                                    let group = groups[g], n = group.slotCount
                                    let from = group.vectorStart + choice[g] * n
                                    for i in 0..<n { values[group.firstSlot + i] = vectors[from + i] }
                                }
                                if allIdentities.infer(values.baseAddress!, opaque: opaque.baseAddress!,
                                                       mustCheck: mustCheck.baseAddress!) {
                                    if survivors.isEmpty { firstValues = Array(values) }
                                    survivors.append(contentsOf: choice)
                                }
                                var u = 0
                                while u < usable.count {
                                    let g = usable[u]
                                    choice[g] += 1
                                    if choice[g] < groups[g].vectorCount { break }
                                    choice[g] = 0
                                    u += 1
                                }
                                if u == usable.count { break }
                            }
                        }
                    }
                }
            }
        }
        return (survivors, firstValues)
    }

    // MARK: Resolving

    /// `known` and `opaque` are what `place` derived from the cells placed as printed (`solvingValue`).
    /// `firstValues` are the first survivor's values after inference, as `combine` left them.
    func resolve(_ groups: [Group], evidence: [RowEvidence], survivors choices: [Int], firstValues: [Int64],
                 cells: inout [Cell?],
                 certain: [Bool], known: [Int64], opaque: [Bool], mustCheck: [Bool], work: inout Workspace,
                 findings: inout [Finding]) {
        let survivorCount = choices.count / groups.count
        // Values every surviving combination gives each slot (after inference): `agreedSet` once a survivor was seen.
        var agreed = [Int64](repeating: IdentityList.unknown, count: slotCount)
        var agreedSet = [Bool](repeating: false, count: slotCount)
        var disagree = [Bool](repeating: false, count: slotCount)
        var values = firstValues
        for survivor in 0..<survivorCount {
            let base = survivor * groups.count
            // The first survivor's values were inferred by `combine` already, from the same inputs.
            if survivor > 0 {
                values.withUnsafeMutableBufferPointer { values in
                    values.baseAddress!.update(from: known, count: known.count)
                    for gi in groups.indices where choices[base + gi] >= 0 {
                        let group = groups[gi], n = group.slotCount
                        let from = group.vectorStart + choices[base + gi] * n
                        for i in 0..<n { values[group.firstSlot + i] = work.vectors[from + i] }
                    }
                    _ = opaque.withUnsafeBufferPointer { opaque in
                        mustCheck.withUnsafeBufferPointer { mustCheck in
                            allIdentities.infer(values.baseAddress!, opaque: opaque.baseAddress!,
                                                mustCheck: mustCheck.baseAddress!)
                        }
                    }
                }
            }
            for s in 0..<slotCount where !certain[s] {
                if agreedSet[s] {
                    if agreed[s] != values[s] { disagree[s] = true }
                } else {
                    agreedSet[s] = true
                    agreed[s] = values[s]
                }
            }
        }
        /// The value all survivors agree on for a slot, if any.
        func agreedValue(_ s: Int) -> Int64? {
            guard survivorCount > 0, !disagree[s], agreedSet[s], agreed[s] != IdentityList.unknown else { return nil }
            return agreed[s]
        }
        var placed = [Bool](repeating: false, count: slotCount)
        var used: [Bool] = []
        for gi in groups.indices {
            let group = groups[gi], n = group.slotCount
            // Which of the group's readings take part in some surviving combination.
            used.removeAll(keepingCapacity: true)
            used.append(contentsOf: repeatElement(false, count: group.vectorCount))
            for survivor in 0..<survivorCount {
                let k = choices[survivor * groups.count + gi]
                if k >= 0 { used[k] = true }
            }
            var inferredCount = 0, missingCount = 0
            let firstCandidate = group.candidateStart
            for i in 0..<n {
                let s = group.firstSlot + i
                placed[s] = true
                guard let v = agreedValue(s) else {
                    cells[s] = .missing
                    missingCount += 1
                    continue
                }
                // The printed cell, when every surviving reading puts the same printed cell here (equal cells share
                // one pool name).
                var printed: Int?
                var uniform = true
                for c in 0..<group.candidateCount {
                    let k = work.vectorOf[firstCandidate + c]
                    guard k >= 0, used[k] else { continue }
                    let cell = work.entries[group.entryStart + c * n + i]
                    if let p = printed {
                        if p != cell {
                            uniform = false
                            break
                        }
                    } else {
                        printed = cell
                    }
                }
                if uniform, let p = printed, p != CellPlacement.unprinted {
                    cells[s] = work.pool[p]
                } else {
                    cells[s] = Cell(raw: "", kind: v == 0 ? .zero : .number, value: .integer(v), inferred: true)
                    inferredCount += 1
                }
            }
            findings.append(groupFinding(group, evidence[group.evidence], survivors: survivorCount,
                                         inferred: inferredCount, missing: missingCount, cells: cells,
                                         message: &work.message))
        }
        // Cells outside every group that the identities filled.
        for s in 0..<slotCount where !certain[s] && !placed[s] && cells[s] == nil {
            if let v = agreedValue(s) { cells[s] = .inferred(.integer(v)) }
        }
    }

    /// The finding that tells how a group's cells were read (placed, split, inferred or left missing).
    func groupFinding(_ g: Group, _ e: RowEvidence, survivors: Int, inferred: Int, missing: Int,
                      cells: [Cell?], message: inout TextBuilder) -> Finding {
        // The message is written as bytes: appending its many short pieces to a String costs more.
        message.reset()
        message.append(bytes: labelBytes[e.rowRange.lowerBound][e.rowRange.count - 1])
        if e.values.isEmpty {
            message.append("没有印数字")
        } else {
            message.append("只印有")
            message.append(e.values.count)
            message.append("个数字（")
            for (i, v) in e.values.enumerated() {
                if i > 0 { message.append(" ") }
                if v.isEmpty { message.append("空") } else { message.append(text: v) }
            }
            message.append("），应为")
            message.append(g.slotCount)
            message.append("个")
        }
        /// The cells as read, "?" for those without a value.
        func appendReadout() {
            for s in g.slots {
                if s > g.firstSlot { message.append(" ") }
                if let value = cells[s]?.value { message.append(value) } else { message.append("?") }
            }
        }
        let severity: Severity
        if missing > 0 {
            message.append(survivors == 0 ? "；没有一种排列能同时满足表内勾稽关系" : "；有多种排列都满足表内勾稽关系")
            message.append("，无法确定的")
            message.append(missing)
            message.append("格按缺失处理（读出：")
            appendReadout()
            message.append("），请核对原文。")
            severity = .error
        } else if inferred > 0 {
            message.append("；按勾稽关系推定")
            message.append(inferred)
            message.append("格的数值，该行读作：")
            appendReadout()
            message.append("，请核对原文。")
            severity = .warning
        } else {
            message.append(g.split ? "；数字连在一起，按勾稽关系拆分" : "；按勾稽关系确定了各数字所在的列")
            message.append("，读作：")
            appendReadout()
            message.append("。")
            severity = .info
        }
        let text = message.string
        return Finding(rule: RuleID.docShape(table.id), severity: severity, message: text,
                       location: location(e, &message))
    }

    /// `appendLabel` as a string.
    func label(_ rows: Range<Int>) -> String {
        var out = TextBuilder(capacity: 64)
        appendLabel(rows, to: &out)
        return out.string
    }

    /// The template labels of the rows joined by ”“.
    func appendLabel(_ rows: Range<Int>, to out: inout TextBuilder) {
        for r in rows {
            if r > rows.lowerBound { out.append("”“") }
            out.append(text: table.rows[r].label)
        }
    }

    /// Where a finding about the evidence applies; its quote is written in `scratch`.
    func location(_ e: RowEvidence, _ scratch: inout TextBuilder) -> FindingLocation {
        FindingLocation(section: table.id.section, table: table.id, row: e.singleRowKey,
                        source: e.lines.isEmpty ? nil : e.quotedSource(in: &scratch))
    }
}

/// n choose k, or `cap` when it is at least that large.
func binomial(_ n: Int, _ k: Int, cap: Int) -> Int {
    guard k >= 0, k <= n else { return 0 }
    let k = min(k, n - k)
    var result = 1
    for i in 0..<k {
        result = result * (n - i) / (i + 1)
        if result >= cap { return cap }
    }
    return result
}

/// Calls body with every increasing choice of k of n indices, up to a limit.
func forEachCombination(_ n: Int, choose k: Int, limit: Int, _ body: ([Int]) -> Void) {
    guard k <= n else { return }
    if k == 0 { body([]); return }
    var idx = Array(0..<k)
    var count = 0
    while true {
        body(idx)
        count += 1
        if count >= limit { return }
        var i = k - 1
        while i >= 0 && idx[i] == n - k + i { i -= 1 }
        if i < 0 { return }
        idx[i] += 1
        for j in (i + 1)..<k { idx[j] = idx[j - 1] + 1 }
    }
}
