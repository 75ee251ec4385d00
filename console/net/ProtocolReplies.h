#pragma once

#include "protocol/Messages.h"
#include "state/ProtocolText.h"
#include "state/RequestFailure.h"

#include <nlohmann/json.hpp>

namespace caredesk::console {

// A message's JSON body, for ServerConnection::request.
template <class Message>
nlohmann::json bodyOf(const Message &message) {
    nlohmann::json body = nlohmann::json::object();
    protocol::toJson(body, message);
    return body;
}

// The reply decoded as T, or why it is not one.
template <class T>
protocol::Result<T> replyAs(const protocol::Envelope &reply) {
    if (reply.type != T::kType)
        return protocol::Error{protocol::ErrorCode::UnknownType,
                               "unexpected reply " +
                                   std::string(protocol::messageTypeName(reply.type)),
                               {},
                               {}};
    return protocol::decodeBody<T>(reply.body);
}

// The same for a reply that may be an error already.
template <class T>
protocol::Result<T> replyAs(const protocol::Result<protocol::Envelope> &reply) {
    if (!reply)
        return reply.error();
    return replyAs<T>(*reply);
}

// Why a request failed, in Qt types.
inline RequestFailure failureOf(const protocol::Error &error) {
    return {fromStd(protocol::errorCodeName(error.code)), fromStd(error.message),
            fromStd(error.field), static_cast<int>(error.retryAfterSeconds.value_or(0))};
}

} // namespace caredesk::console
