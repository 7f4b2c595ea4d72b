import ControlProtocol
import NIOCore

/// Closes a connection that sent nothing for the idle timeout (after `IdleStateHandler`), with an
/// `idle_timeout` error line — unless a request is still being answered (an export, a watch).
final class ControlIdleCloser: ChannelInboundHandler, Sendable {
    typealias InboundIn = ControlInbound
    typealias InboundOut = ControlInbound
    typealias OutboundOut = ByteBuffer

    /// True while the connection is answering a request; the async side sets it.
    let busy = LockedValue(false)

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        guard !busy.current else { return }
        let error = ControlError(.idleTimeout, "连接空闲时间过长，已断开")
        if let line = try? ControlJSON.line(ErrorLine(id: nil, error: error)) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: line)), promise: nil)
        }
        context.close(promise: nil)
    }
}
