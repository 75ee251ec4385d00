#include "protocol/Envelope.h"

#include <exception>
#include <string>
#include <utility>

namespace caredesk::protocol {

namespace {

// nlohmann's DOM is walked recursively by dump() and by our decoders, so depth
// is bounded before parsing. Brackets inside strings do not count; a malformed
// frame that passes this scan is still rejected by the parser.
bool nestsDeeperThan(std::string_view text, std::size_t limit) {
    std::size_t depth = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '[':
        case '{':
            if (++depth > limit)
                return true;
            break;
        case ']':
        case '}':
            if (depth > 0)
                --depth;
            break;
        default:
            break;
        }
    }
    return false;
}

bool isPrintableAscii(char c) {
    return c >= 0x20 && c <= 0x7E;
}

bool isValidRequestId(const std::string &id) {
    if (id.empty() || id.size() > kMaxRequestIdBytes)
        return false;
    for (const char c : id) {
        if (!isPrintableAscii(c))
            return false;
    }
    return true;
}

// Peers choose the type name; keep it short and printable before it reaches a
// message that may be logged.
std::string quotedForMessage(const std::string &text) {
    constexpr std::size_t kMaxShown = 64;
    std::string shown = "\"";
    for (std::size_t i = 0; i < text.size() && i < kMaxShown; ++i)
        shown += isPrintableAscii(text[i]) ? text[i] : '?';
    if (text.size() > kMaxShown)
        shown += "...";
    shown += '"';
    return shown;
}

Error envelopeError(ErrorCode code, std::string message, std::string field = {}) {
    return Error{code, std::move(message), std::move(field), std::nullopt};
}

Result<Envelope> decodeParsed(nlohmann::json &frame, std::string *idOut) {
    if (!frame.is_object())
        return envelopeError(ErrorCode::InvalidEnvelope,
                             "a frame must be a JSON object {type, id?, seq?, body?}");
    Envelope envelope;

    // The id is read first so that every later failure can be answered with it.
    const auto id = frame.find("id");
    if (id != frame.end() && !id->is_null()) {
        if (!id->is_string() || !isValidRequestId(id->get_ref<const std::string &>()))
            return envelopeError(ErrorCode::InvalidEnvelope,
                                 "id must be a string of 1 to " +
                                     std::to_string(kMaxRequestIdBytes) +
                                     " printable ASCII characters",
                                 "id");
        envelope.id = id->get<std::string>();
        if (idOut)
            *idOut = envelope.id;
    }

    const auto type = frame.find("type");
    if (type == frame.end() || type->is_null())
        return envelopeError(ErrorCode::InvalidEnvelope, "type is required", "type");
    if (!type->is_string())
        return envelopeError(ErrorCode::InvalidEnvelope, "type must be a string", "type");
    const auto &typeName = type->get_ref<const std::string &>();
    const auto messageType = messageTypeFromName(typeName);
    if (!messageType)
        return envelopeError(ErrorCode::UnknownType,
                             "unknown message type " + quotedForMessage(typeName), "type");
    envelope.type = *messageType;

    const auto seq = frame.find("seq");
    if (seq != frame.end() && !seq->is_null()) {
        // The parser stores every non-negative integer as unsigned.
        if (!seq->is_number_unsigned())
            return envelopeError(ErrorCode::InvalidEnvelope,
                                 "seq must be a non-negative integer below 2^64", "seq");
        envelope.seq = seq->get<std::uint64_t>();
    }

    const auto body = frame.find("body");
    if (body != frame.end() && !body->is_null()) {
        if (!body->is_object())
            return envelopeError(ErrorCode::InvalidEnvelope, "body must be a JSON object", "body");
        envelope.body = std::move(*body);
    }
    return envelope;
}

} // namespace

Result<Envelope> decodeEnvelope(std::string_view text, std::size_t maxBytes, std::string *idOut) {
    if (idOut)
        idOut->clear();
    if (text.size() > maxBytes)
        return envelopeError(ErrorCode::TooLarge, "frame of " + std::to_string(text.size()) +
                                                      " bytes exceeds the limit of " +
                                                      std::to_string(maxBytes));
    if (nestsDeeperThan(text, kMaxNestingDepth))
        return envelopeError(ErrorCode::TooLarge, "frame nests arrays and objects deeper than " +
                                                      std::to_string(kMaxNestingDepth) + " levels");
    try {
        auto frame = nlohmann::json::parse(text.begin(), text.end(), nullptr,
                                           /*allow_exceptions=*/false);
        if (frame.is_discarded())
            return envelopeError(ErrorCode::InvalidJson, "frame is not valid UTF-8 JSON");
        return decodeParsed(frame, idOut);
    } catch (const std::exception &) {
        // Only allocation failure can get here; the frame is refused, not the process.
        return envelopeError(ErrorCode::InvalidJson, "frame could not be parsed");
    }
}

std::string encodeEnvelope(MessageType type, const nlohmann::json &body, std::string_view id,
                           std::optional<std::uint64_t> seq) {
    constexpr auto kReplaceInvalidUtf8 = nlohmann::json::error_handler_t::replace;
    // Written by hand so that "type" comes first in logs; nlohmann sorts keys.
    std::string frame = R"({"type":")";
    frame += messageTypeName(type);
    frame += '"';
    if (!id.empty()) {
        frame += R"(,"id":)";
        frame += nlohmann::json(std::string(id)).dump(-1, ' ', false, kReplaceInvalidUtf8);
    }
    if (seq) {
        frame += R"(,"seq":)";
        frame += std::to_string(*seq);
    }
    frame += R"(,"body":)";
    frame += body.is_null() ? std::string("{}") : body.dump(-1, ' ', false, kReplaceInvalidUtf8);
    frame += '}';
    return frame;
}

} // namespace caredesk::protocol
