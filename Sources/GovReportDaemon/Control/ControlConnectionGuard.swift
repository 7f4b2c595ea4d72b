import ControlProtocol
import NIOCore

/// Closes a connection that breaks a limit, on the event loop, with an error line: a line longer than the
/// limit (`line_too_long`, at once, so the rest of the line is never read), or nothing sent for the idle
/// timeout after `IdleStateHandler` (`idle_timeout`) — unless a request is still being answered (an export,
/// a watch).
final class ControlConnectionGuard: ChannelInboundHandler, Sendable {
    typealias InboundIn = ControlInbound
    typealias InboundOut = ControlInbound
    typealias OutboundOut = ByteBuffer

    /// True while the connection is answering a request; the async side sets it.
    let busy = LockedValue(false)

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .tooLong = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        refuse(context: context, ControlError(.lineTooLong, "请求行太长（超过上限），连接已断开"))
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        guard !busy.current else { return }
        refuse(context: context, ControlError(.idleTimeout, "连接空闲时间过长，已断开"))
    }

    /// Writes the error line, then closes the connection.
    private func refuse(context: ChannelHandlerContext, _ error: ControlError) {
        if let line = try? ControlJSON.line(ErrorLine(id: nil, error: error)) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: line)), promise: nil)
        }
        context.close(promise: nil)
    }
}
