import ReportModel

/// Puts printed values into table cells when the layout lost some, using the table's identities (spec §5).
///
/// Evidence with exactly as many values as cells is placed as printed. Evidence that is short of values is
/// expanded into every placement (which cells are missing) and, for digits that ran together, every split;
/// the placements that satisfy every identity survive. A cell on which all survivors agree is certain
/// (marked `inferred` when no single printed value stands behind it); the others stay `missing`.
struct CellPlacement {
    let table: TableDefinition
    let identities: [SumIdentity]
    /// Most candidates tried for one piece of evidence, and most combinations across evidence.
    var candidateLimit = 2_000
    var combinationLimit = 10_000

    /// Row and column of each slot.
    let slots: [(row: RowDefinition, column: ColumnDefinition)]
    let slotIndex: [String: Int]

    init(table: TableDefinition, identities: [SumIdentity]) {
        self.table = table
        self.identities = identities
        var slots: [(RowDefinition, ColumnDefinition)] = []
        var index: [String: Int] = [:]
        for row in table.rows {
            for column in row.columns {
                index[row.key + "\u{0}" + column.key] = slots.count
                slots.append((row, column))
            }
        }
        self.slots = slots
        self.slotIndex = index
        var rowSlots: [[Int]] = []
        var rowOfSlot = [Int](repeating: 0, count: slots.count)
        var rowIdentities: [[SumIdentity]] = []
        for (r, row) in table.rows.enumerated() {
            let these = row.columns.map { index[row.key + "\u{0}" + $0.key]! }
            rowSlots.append(these)
            for s in these { rowOfSlot[s] = r }
            rowIdentities.append(identities.compactMap { id in
                guard id.slots.allSatisfy(these.contains) else { return nil }
                return SumIdentity(lhs: id.lhs.map { these.firstIndex(of: $0)! }, rhs: id.rhs.map { these.firstIndex(of: $0)! })
            })
        }
        self.rowSlots = rowSlots
        self.rowOfSlot = rowOfSlot
        self.rowIndex = Dictionary(uniqueKeysWithValues: table.rows.enumerated().map { ($1.key, $0) })
        self.rowIdentities = rowIdentities
        self.rowKeys = table.rows.map { $0.key }
        self.columnKeys = table.rows.map { row in row.columns.map { $0.key } }
    }

    /// Slots of each template row, the row of each slot, and each row's own identities (row sums).
    let rowSlots: [[Int]]
    let rowOfSlot: [Int]
    let rowIndex: [String: Int]
    let rowIdentities: [[SumIdentity]]
    /// The keys of the rows, and of each row's columns, for writing the table out.
    let rowKeys: [String]
    let columnKeys: [[String]]

    func slot(_ row: String, _ column: String) -> Int {
        slotIndex[row + "\u{0}" + column]!
    }

    /// Ways of reading a piece of evidence, stored one after another in one array: per slot of the evidence, the
    /// index of its cell in the group's `CellPool`, or `CellPlacement.unprinted` where nothing was printed.
    /// Candidate `c` of a group with `n` slots is `entries[c * n ..< (c + 1) * n]`.
    struct Candidates {
        var entries: [Int] = []
        var count = 0
    }

    /// Candidate entry for a slot that gets no printed value.
    static let unprinted = -1

    struct Group {
        let evidence: RowEvidence
        let slots: [Int]
        /// The cells the candidates refer to.
        var pool = CellPool()
        /// Distinct value vectors (nil = unknown) with the candidates that give them.
        var vectors: [[Int64?]] = []
        /// The candidates, and for each vector the numbers of the candidates that give it.
        var candidates = Candidates()
        var candidatesByVector: [[Int]] = []
        var split = false
    }

    /// The table's cells and the findings about what was repaired.
    func place(_ evidence: [RowEvidence]) -> (Table, [Finding]) {
        var cells = [Cell?](repeating: nil, count: slots.count)
        var certain = [Bool](repeating: false, count: slots.count)
        var findings: [Finding] = []
        var groups: [Group] = []
        for e in evidence {
            let groupSlots = e.rows.flatMap { key in rowIndex[key].map { rowSlots[$0] } ?? [] }
            var values = e.padded(to: groupSlots.count)
            while values.count > groupSlots.count, values.last == "" { values.removeLast() }
            if values.count >= groupSlots.count {
                for (s, v) in zip(groupSlots, values) {
                    cells[s] = CellReader.read(v)
                    certain[s] = true
                }
                if values.count > groupSlots.count {
                    let extra = values[groupSlots.count...].joined(separator: " ")
                    findings.append(.error(RuleID.docShape(table.id),
                        "\(table.id.displayName)“\(label(e.rows))”行印有\(values.count)个数字，应为\(groupSlots.count)个；多出的“\(extra)”未读入，请核对原文。",
                        at: location(e)))
                }
                continue
            }
            var group = Group(evidence: e, slots: groupSlots)
            expand(&group, values: values)
            groups.append(group)
        }
        let known = cells.map { $0.flatMap(CellPlacement.solvingValue) }
        let opaque = cells.map { c in c.map { CellPlacement.solvingValue($0) == nil } ?? false }
        let survivors = combine(groups, known: known, certain: certain, opaque: opaque)
        resolve(groups, survivors: survivors, cells: &cells, certain: certain, known: known, opaque: opaque,
                findings: &findings)
        var rows: [String: [String: Cell]] = [:]
        rows.reserveCapacity(table.rows.count)
        for r in 0..<rowKeys.count {
            let keys = columnKeys[r], slotsOfRow = rowSlots[r]
            var columns: [String: Cell] = [:]
            columns.reserveCapacity(keys.count)
            for c in 0..<keys.count { columns[keys[c]] = cells[slotsOfRow[c]] ?? .missing }
            rows[rowKeys[r]] = columns
        }
        return (Table(rows: rows), findings)
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
    func expand(_ group: inout Group, values: [String]) {
        let n = group.slots.count
        let cellsRead = values.map { group.pool.index(reading: $0) }
        // Digits that ran together: split runs so that every slot gets a value. Splits come first: when one fits,
        // the placements are skipped.
        var candidates = splitCandidates(values, read: cellsRead, slots: n, pool: &group.pool)
        let splitCount = candidates.count
        if splitCount > 0 { group.split = true }
        // Which slots the printed values go to (order kept), the others unknown. When there are more ways than the
        // limit, none is tried: a partial search would make a guess look certain.
        if binomial(n, cellsRead.count, cap: candidateLimit + 1) <= candidateLimit {
            candidates.entries.reserveCapacity(candidates.entries.count
                + binomial(n, cellsRead.count, cap: candidateLimit + 1) * n)
            // The increasing choices of slots in the order `forEachCombination` gives them, written in place.
            let k = cellsRead.count
            var chosen = Array(0..<k)
            var made = 0
            while k <= n {
                var next = 0
                for slot in 0..<n {
                    if next < k && chosen[next] == slot {
                        candidates.entries.append(cellsRead[next])
                        next += 1
                    } else {
                        candidates.entries.append(CellPlacement.unprinted)
                    }
                }
                candidates.count += 1
                made += 1
                if made >= candidateLimit || k == 0 { break }
                var i = k - 1
                while i >= 0 && chosen[i] == n - k + i { i -= 1 }
                if i < 0 { break }
                chosen[i] += 1
                for j in (i + 1)..<k { chosen[j] = chosen[j - 1] + 1 }
            }
        }

        let localIdentities = localIdentities(for: group.slots)
        // Distinct vectors are found by comparing with each kept one while there are few, through a dictionary after.
        var seen: [[Int64?]: Int] = [:]
        var splitSurvived = false
        let pool = group.pool
        var values = [Int64?](repeating: nil, count: n)
        var opaque = [Bool](repeating: false, count: n)
        for c in 0..<candidates.count {
            // A digit run that splits into values satisfying the row's identities explains the line better than
            // any placement that leaves cells unprinted: once a split fits, placements are no longer considered.
            let isSplit = c < splitCount
            if !isSplit && splitSurvived { break }
            for i in 0..<n {
                let k = candidates.entries[c * n + i]
                values[i] = pool.solvingValue(k)
                opaque[i] = pool.isOpaque(k)
            }
            guard CellPlacement.infer(&values, opaque: opaque, identities: localIdentities, mustCheck: nil) else { continue }
            if isSplit && !splitSurvived {
                splitSurvived = true
                // Forget the placements kept so far.
                seen = [:]
                group.vectors = []
                group.candidatesByVector = []
            }
            let existing = group.vectors.count <= CellPlacement.linearVectorLimit
                ? group.vectors.firstIndex(of: values) : seen[values]
            if let k = existing {
                group.candidatesByVector[k].append(c)
            } else {
                group.vectors.append(values)
                group.candidatesByVector.append([c])
                if group.vectors.count > CellPlacement.linearVectorLimit {
                    if seen.isEmpty {
                        for (k, v) in group.vectors.enumerated() { seen[v] = k }
                    } else {
                        seen[values] = group.vectors.count - 1
                    }
                }
            }
        }
        group.candidates = candidates
    }

    /// Most distinct vectors of a group searched one by one before a dictionary takes over.
    static let linearVectorLimit = 8

    /// The identities lying entirely within the given slots, renumbered to positions in `slots`.
    func localIdentities(for groupSlots: [Int]) -> [SumIdentity] {
        if groupSlots.count == 1 { return [] }
        // One row: the identities of that row, computed once.
        if let first = groupSlots.first, case let row = rowOfSlot[first], rowSlots[row] == groupSlots {
            return rowIdentities[row]
        }
        var position = [Int: Int]()
        for (i, s) in groupSlots.enumerated() { position[s] = i }
        return identities.compactMap { id in
            guard id.slots.allSatisfy({ position[$0] != nil }) else { return nil }
            return SumIdentity(lhs: id.lhs.map { position[$0]! }, rhs: id.rhs.map { position[$0]! })
        }
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
        var digits = 0
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

    /// Fills unknown values that an identity determines, and checks the identities (all of them, or those that
    /// touch `mustCheck` slots). False when an identity fails or would need a negative count.
    static func infer(_ values: inout [Int64?], opaque: [Bool], identities: [SumIdentity], mustCheck: [Bool]?) -> Bool {
        var changed = true
        while changed {
            changed = false
            for id in identities {
                var unknown = -1, unknownOnLeft = false, count = 0
                var left: Int64 = 0, right: Int64 = 0
                var blocked = false
                for s in id.lhs {
                    if let v = values[s] { left += v } else if opaque[s] { blocked = true } else { count += 1; unknown = s; unknownOnLeft = true }
                }
                for s in id.rhs {
                    if let v = values[s] { right += v } else if opaque[s] { blocked = true } else { count += 1; unknown = s; unknownOnLeft = false }
                }
                if blocked { continue }
                if count == 1 {
                    let v = unknownOnLeft ? right - left : left - right
                    if v < 0 { return false }
                    values[unknown] = v
                    changed = true
                } else if count == 0, left != right {
                    if let mustCheck {
                        if id.slots.contains(where: { mustCheck[$0] }) { return false }
                    } else {
                        return false
                    }
                }
            }
        }
        return true
    }

    // MARK: Combining evidence

    /// The combinations of the groups' value vectors that satisfy every identity they take part in.
    func combine(_ groups: [Group], known: [Int64?], certain: [Bool], opaque: [Bool]) -> [[Int]] {
        guard !groups.isEmpty else { return [] }
        var product = 1
        for g in groups {
            product *= max(g.vectors.count, 1)
            if product > combinationLimit { return [] }
        }
        if groups.contains(where: { $0.vectors.isEmpty }) {
            // A group nothing fits: the other groups are still tried, this one stays missing.
            return combineSkipping(groups, known: known, certain: certain, opaque: opaque)
        }
        var survivors: [[Int]] = []
        var choice = [Int](repeating: 0, count: groups.count)
        let mustCheck = certain.map { !$0 }
        while true {
            var values = known
            for (g, k) in zip(groups, choice) {
                for (i, s) in g.slots.enumerated() { values[s] = g.vectors[k][i] }
            }
            if CellPlacement.infer(&values, opaque: opaque, identities: identities, mustCheck: mustCheck) {
                survivors.append(choice)
            }
            var i = 0
            while i < groups.count {
                choice[i] += 1
                if choice[i] < groups[i].vectors.count { break }
                choice[i] = 0
                i += 1
            }
            if i == groups.count { break }
        }
        return survivors
    }

    private func combineSkipping(_ groups: [Group], known: [Int64?], certain: [Bool], opaque: [Bool]) -> [[Int]] {
        let usable = groups.enumerated().filter { !$0.element.vectors.isEmpty }
        let inner = combine(usable.map(\.element), known: known, certain: certain, opaque: opaque)
        return inner.map { choice in
            var full = [Int](repeating: -1, count: groups.count)
            for (k, (index, _)) in usable.enumerated() { full[index] = choice[k] }
            return full
        }
    }

    // MARK: Resolving

    /// `known` and `opaque` are what `place` derived from the cells placed as printed (`solvingValue`).
    func resolve(_ groups: [Group], survivors: [[Int]], cells: inout [Cell?], certain: [Bool], known: [Int64?],
                 opaque: [Bool], findings: inout [Finding]) {
        let mustCheck = certain.map { !$0 }
        // Values every surviving combination gives each slot (after inference).
        var agreed = [Int64??](repeating: .none, count: slots.count)
        var disagree = [Bool](repeating: false, count: slots.count)
        for choice in survivors {
            var values = known
            // Groups are read in place (indexing), not copied.
            for gi in groups.indices where choice[gi] >= 0 {
                let k = choice[gi]
                for (i, s) in groups[gi].slots.enumerated() { values[s] = groups[gi].vectors[k][i] }
            }
            _ = CellPlacement.infer(&values, opaque: opaque, identities: identities, mustCheck: mustCheck)
            for s in 0..<slots.count where !certain[s] {
                if case .some(let previous) = agreed[s] {
                    if previous != values[s] { disagree[s] = true }
                } else {
                    agreed[s] = .some(values[s])
                }
            }
        }
        // Which of each group's readings take part in some surviving combination.
        var usedVectors = [[Int]](repeating: [], count: groups.count)
        for gi in groups.indices {
            var used = [Bool](repeating: false, count: groups[gi].vectors.count)
            for choice in survivors where choice[gi] >= 0 { used[choice[gi]] = true }
            usedVectors[gi] = used.indices.filter { used[$0] }
        }
        var placed = [Bool](repeating: false, count: slots.count)
        for gi in groups.indices {
            // The group's parts are read where they are, without copying the whole group.
            let groupSlots = groups[gi].slots
            let byVector = groups[gi].candidatesByVector
            let entries = groups[gi].candidates.entries
            var inferredCount = 0, missingCount = 0
            for (i, s) in groupSlots.enumerated() {
                placed[s] = true
                guard !survivors.isEmpty, !disagree[s], case .some(.some(let v)) = agreed[s] else {
                    cells[s] = .missing
                    missingCount += 1
                    continue
                }
                // The printed cell, when every surviving reading puts the same printed cell here (equal cells share
                // one pool index).
                var printed: Int?
                var uniform = true
                for k in usedVectors[gi] {
                    for c in byVector[k] {
                        let cell = entries[c * groupSlots.count + i]
                        if let p = printed { if p != cell { uniform = false } } else { printed = cell }
                        if !uniform { break }
                    }
                    if !uniform { break }
                }
                if uniform, let p = printed, p != CellPlacement.unprinted {
                    cells[s] = groups[gi].pool[p]
                } else {
                    cells[s] = .inferred(.integer(v))
                    inferredCount += 1
                }
            }
            findings.append(groupFinding(groups[gi], survivors: survivors.count, inferred: inferredCount,
                                         missing: missingCount, cells: cells))
        }
        // Cells outside every group that the identities filled.
        for s in 0..<slots.count where !certain[s] && !placed[s] && cells[s] == nil {
            if !survivors.isEmpty, !disagree[s], case .some(.some(let v)) = agreed[s] { cells[s] = .inferred(.integer(v)) }
        }
    }

    func groupFinding(_ g: Group, survivors: Int, inferred: Int, missing: Int, cells: [Cell?]) -> Finding {
        // The message is written as bytes (`TextBuilder`): appending its many short pieces to a String costs more.
        let e = g.evidence
        var message = TextBuilder()
        message.append(table.id.displayName)
        message.append("“")
        appendLabel(e.rows, to: &message)
        message.append("”行")
        if e.values.isEmpty {
            message.append("没有印数字")
        } else {
            message.append("只印有")
            message.append(e.values.count)
            message.append("个数字（")
            for (i, v) in e.values.enumerated() {
                if i > 0 { message.append(" ") }
                message.append(v.isEmpty ? "空" : v)
            }
            message.append("），应为")
            message.append(g.slots.count)
            message.append("个")
        }
        /// The cells as read, "?" for those without a value.
        func appendReadout() {
            for (i, s) in g.slots.enumerated() {
                if i > 0 { message.append(" ") }
                if let value = cells[s]?.value { message.append(value) } else { message.append("?") }
            }
        }
        if missing > 0 {
            message.append(survivors == 0 ? "；没有一种排列能同时满足表内勾稽关系" : "；有多种排列都满足表内勾稽关系")
            message.append("，无法确定的")
            message.append(missing)
            message.append("格按缺失处理（读出：")
            appendReadout()
            message.append("），请核对原文。")
            return .error(RuleID.docShape(table.id), message.string, at: location(e))
        }
        if inferred > 0 {
            message.append("；按勾稽关系推定")
            message.append(inferred)
            message.append("格的数值，该行读作：")
            appendReadout()
            message.append("，请核对原文。")
            return .warning(RuleID.docShape(table.id), message.string, at: location(e))
        }
        message.append(g.split ? "；数字连在一起，按勾稽关系拆分" : "；按勾稽关系确定了各数字所在的列")
        message.append("，读作：")
        appendReadout()
        message.append("。")
        return .info(RuleID.docShape(table.id), message.string, at: location(e))
    }

    func label(_ rows: [String]) -> String {
        var out = TextBuilder(capacity: 64)
        appendLabel(rows, to: &out)
        return out.string
    }

    /// The template labels of the rows joined by ”“ (rows the table lacks left out).
    func appendLabel(_ rows: [String], to out: inout TextBuilder) {
        var first = true
        for key in rows {
            guard let r = rowIndex[key] else { continue }
            if !first { out.append("”“") }
            out.append(table.rows[r].label)
            first = false
        }
    }

    func location(_ e: RowEvidence) -> FindingLocation {
        FindingLocation(section: table.id.section, table: table.id, row: e.rows.count == 1 ? e.rows[0] : nil,
                        source: e.lines.isEmpty ? nil : e.quotedSource)
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
