import Foundation
@testable import ReportParsing
import Testing

/// The ZIP container: members read in memory, and every kind of ZIP bomb or damaged archive refused with a
/// reason, in bounded time and memory.
@Suite("DOCX package (ZIP)")
struct DOCXPackageTests {
    static let template = Fixtures.root.appendingPathComponent("templates/gov2021-blank.docx")

    func failure(_ body: () throws -> Void) -> DOCXPackage.Failure? {
        do {
            try body()
            return nil
        } catch {
            return error as? DOCXPackage.Failure
        }
    }

    @Test("the official template's members are listed and document.xml inflates to its declared size")
    func readsTemplate() throws {
        let package = try DOCXPackage(try Fixtures.bytes(Self.template))
        #expect(package.entries.contains { $0.name == "word/styles.xml" })
        let entry = try #require(package.entry(named: "word/document.xml"))
        let xml = try package.contents(of: entry)
        #expect(xml.count == entry.uncompressedSize)
        #expect(String(decoding: xml.prefix(5), as: UTF8.self) == "<?xml")
    }

    @Test("1 GB of zeros declared as such is refused before inflating")
    func honestBomb() throws {
        var zip = ZIPTestArchive()
        zip.addZeros("word/document.xml", count: 1 << 30)
        let bytes = zip.bytes()
        #expect(bytes.count < 4 << 20, "the bomb is small: \(bytes.count) bytes")
        let start = ContinuousClock.now
        let output = DOCXReader.read(bytes)
        #expect(ContinuousClock.now - start < .seconds(1))
        guard case .rejected(let reason, _) = output else {
            Issue.record("a 1 GB member was read")
            return
        }
        #expect(reason.contains("压缩炸弹"), "\(reason)")
    }

    @Test("1 GB of zeros declared as 200 KB is stopped while inflating, at the declared size")
    func lyingBomb() throws {
        var zip = ZIPTestArchive()
        zip.addZeros("word/document.xml", count: 1 << 30, declaredSize: 200_000)
        let package = try DOCXPackage(zip.bytes())
        let entry = try #require(package.entry(named: "word/document.xml"))
        let start = ContinuousClock.now
        let failure = failure { _ = try package.contents(of: entry) }
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(failure != nil)
        if case .tooLarge = failure {} else { Issue.record("expected tooLarge, got \(String(describing: failure))") }
    }

    @Test("a declared compression ratio beyond the limit is refused without inflating")
    func ratioLimit() throws {
        var zip = ZIPTestArchive()
        zip.addZeros("word/document.xml", count: 20 << 20)
        let package = try DOCXPackage(zip.bytes())
        let entry = try #require(package.entry(named: "word/document.xml"))
        #expect(entry.uncompressedSize / entry.compressedSize > 200)
        let failure = failure { _ = try package.contents(of: entry) }
        if case .tooLarge(let what) = failure { #expect(what.contains("压缩比")) } else {
            Issue.record("expected tooLarge, got \(String(describing: failure))")
        }
    }

    @Test("too many members, or too much in total, is refused from the directory alone")
    func countAndTotalLimits() throws {
        var many = ZIPTestArchive()
        for k in 0..<6_000 { many.members.append(.init(name: "f\(k)", stored: [], deflated: false, declaredSize: 0)) }
        #expect(failure { _ = try DOCXPackage(many.bytes()) } == .tooLarge("6000个文件"))

        var big = ZIPTestArchive()
        for k in 0..<10 {
            big.members.append(.init(name: "part\(k).xml", stored: [0x03, 0x00], deflated: true, declaredSize: 60 << 20))
        }
        let failure = failure { _ = try DOCXPackage(big.bytes()) }
        if case .tooLarge = failure {} else { Issue.record("expected tooLarge, got \(String(describing: failure))") }
    }

    @Test("a truncated archive is refused as truncated, at every cut point")
    func truncated() throws {
        let bytes = try Fixtures.bytes(Self.template)
        for cut in stride(from: 1, to: bytes.count, by: 997) {
            let output = DOCXReader.read(Array(bytes.prefix(cut)))
            guard case .rejected(let reason, _) = output else {
                Issue.record("cut at \(cut) of \(bytes.count) was read")
                continue
            }
            #expect(!reason.isEmpty)
        }
        #expect(failure { _ = try DOCXPackage(Array(bytes.prefix(bytes.count - 30))) } == .truncated)
    }

    @Test("damaged compressed data is refused as corrupt, not read on")
    func corruptData() throws {
        var zip = ZIPTestArchive()
        zip.addZeros("word/document.xml", count: 100_000)
        var bytes = zip.bytes()
        let stored = zip.members[0].stored.count
        // Damage the middle of the deflate stream.
        for k in 0..<16 { bytes[30 + "word/document.xml".utf8.count + stored / 2 + k] ^= 0xA5 }
        let package = try DOCXPackage(bytes)
        let failure = failure { _ = try package.contents(of: package.entries[0]) }
        #expect(failure != nil)
    }

    @Test("bytes that are not a ZIP archive are refused as such")
    func notZIP() {
        #expect(failure { _ = try DOCXPackage(Array("政府信息公开工作年度报告".utf8)) } == .notZIP)
        #expect(failure { _ = try DOCXPackage([]) } == .notZIP)
    }

    @Test("random damage to a real DOCX never crashes or hangs the reader")
    func randomDamage() throws {
        let original = try Fixtures.bytes(Fixtures.goldenFolder("docx-gov2021").appendingPathComponent("input.docx"))
        var state: UInt64 = 0xD0C5
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let start = ContinuousClock.now
        var rejected = 0
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<(1 + next() % 8) { bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next()) }
            if case .rejected = DOCXReader.read(bytes) { rejected += 1 }
        }
        #expect(rejected > 0)
        #expect(ContinuousClock.now - start < .seconds(60))
    }
}
