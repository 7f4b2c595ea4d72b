import NIOCore

/// What the framing hands to a connection: a line without its `\n` (and `\r`), or word that the peer sent
/// a line longer than the limit.
enum ControlInbound: Sendable {
    case line(ByteBuffer)
    case tooLong
}

/// Splits the byte stream at `\n`, never holding more than `maxLineBytes` of one line: once a line is
/// longer, it reports ``ControlInbound/tooLong`` once and discards everything after it.
final class ControlLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ControlInbound

    private let maxLineBytes: Int
    /// Bytes at the front of the buffer already searched for a newline.
    private var searched = 0
    private var overflowed = false

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if overflowed {
            buffer.moveReaderIndex(to: buffer.writerIndex)
            return .needMoreData
        }
        let view = buffer.readableBytesView
        let start = view.index(view.startIndex, offsetBy: min(searched, view.count))
        guard let newline = view[start...].firstIndex(of: UInt8(ascii: "\n")) else {
            if view.count > maxLineBytes { return overflow(context: context, buffer: &buffer) }
            searched = view.count
            return .needMoreData
        }
        searched = 0
        var length = view.distance(from: view.startIndex, to: newline)
        if length > maxLineBytes { return overflow(context: context, buffer: &buffer) }
        if length > 0, view[view.index(before: newline)] == UInt8(ascii: "\r") { length -= 1 }
        let line = buffer.getSlice(at: buffer.readerIndex, length: length)!
        buffer.moveReaderIndex(forwardBy: view.distance(from: view.startIndex, to: newline) + 1)
        context.fireChannelRead(wrapInboundOut(.line(line)))
        return .continue
    }

    func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        // A last line without its newline still counts, as long as it fits.
        while try decode(context: context, buffer: &buffer) == .continue {}
        if !overflowed, buffer.readableBytes > 0 {
            context.fireChannelRead(wrapInboundOut(.line(buffer.readSlice(length: buffer.readableBytes)!)))
        }
        return .needMoreData
    }

    private func overflow(context: ChannelHandlerContext, buffer: inout ByteBuffer) -> DecodingState {
        overflowed = true
        buffer.moveReaderIndex(to: buffer.writerIndex)
        context.fireChannelRead(wrapInboundOut(.tooLong))
        return .needMoreData
    }
}
