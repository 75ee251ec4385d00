#include "handlers/Request.h"

#include "app/Logging.h"

namespace caredesk::server {

Request::Request(std::shared_ptr<ClientConnection> connection, protocol::Envelope envelope,
                 Finished finished)
    : m_connection(std::move(connection))
    , m_envelope(std::move(envelope))
    , m_finished(std::move(finished)) {}

Request::~Request() {
    if (!m_answered)
        fail({protocol::ErrorCode::Internal, "the server dropped this request", {}, {}});
    if (m_finished)
        m_finished(m_connection);
}

void Request::fail(protocol::Error error) {
    const auto code = protocol::errorCodeName(error.code);
    sendFinal(protocol::encode(error, m_envelope.id), protocol::MessageType::Error, code);
}

void Request::commit() {
    if (m_afterCommit)
        m_afterCommit();
    if (m_handOff)
        return handOff();
    if (m_staged)
        sendFinal(std::move(*m_staged), m_stagedType);
    else
        sendFinal(protocol::encode(protocol::Ok{}, m_envelope.id), protocol::MessageType::Ok);
}

void Request::sendFinal(std::string frame, protocol::MessageType replyType,
                        std::string_view errorCode) {
    if (m_answered)
        return;
    m_answered = true;
    m_connection->send(std::move(frame));
    const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - m_received);
    // A staged reply may itself be an error frame; its code is in the frame only.
    subsystemLogger("net")->debug("conn={} req={} {} -> {}{}{} in {:.1f} ms", m_connection->id(),
                                  m_envelope.id.empty() ? "-" : m_envelope.id,
                                  protocol::messageTypeName(m_envelope.type),
                                  protocol::messageTypeName(replyType),
                                  errorCode.empty() ? "" : " ", errorCode,
                                  static_cast<double>(elapsed.count()) / 1000.0);
}

} // namespace caredesk::server
