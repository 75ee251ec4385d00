#include "handlers/Request.h"

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

void Request::fail(protocol::Error error) { sendFinal(protocol::encode(error, m_envelope.id)); }

void Request::commit() {
    if (m_afterCommit)
        m_afterCommit();
    if (m_staged)
        sendFinal(std::move(*m_staged));
    else
        sendFinal(protocol::encode(protocol::Ok{}, m_envelope.id));
}

void Request::sendFinal(std::string frame) {
    if (m_answered)
        return;
    m_answered = true;
    m_connection->send(std::move(frame));
}

} // namespace caredesk::server
