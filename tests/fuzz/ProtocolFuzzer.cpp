// libFuzzer target for the protocol codec: any byte string must decode to a
// frame or a precise error, never crash, and whatever decodes must encode back
// to the same frame. Built and run by tools/fuzz-protocol.sh.

#include "domain/CsvTable.h"
#include "protocol/Messages.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

using namespace caredesk::protocol;

namespace {

void require(bool condition, const char *what) {
    if (!condition) {
        std::fprintf(stderr, "protocol invariant broken: %s\n", what);
        std::abort();
    }
}

constexpr std::size_t kNoLimit = std::numeric_limits<std::size_t>::max();

// Every error the codec produces must itself be a valid "error" frame.
void checkErrorReply(const Error &error, const std::string &id) {
    const auto reply = decodeEnvelope(encode(error, id), kNoLimit);
    require(reply.ok(), "an error reply does not decode");
    require(reply->type == MessageType::Error, "an error reply changed type");
    require(reply->id == id, "an error reply lost its id");
    const auto body = decodeBody<Error>(reply->body);
    require(body.ok(), "an error reply body does not decode");
    require(*body == error, "an error reply body changed");
}

// An import's CSV goes to the CSV reader on the server: any text must parse
// or be refused with a line inside the text, never crash.
void checkImportCsv(const Envelope &envelope) {
    const auto message = decodeBody<ImportCaregivers>(envelope.body);
    if (!message)
        return;
    const auto parsed = caredesk::domain::parseCsv(message->csv);
    if (const auto *error = std::get_if<caredesk::domain::CsvError>(&parsed)) {
        require(error->line >= 0, "a CSV error names a negative line");
        require(!error->message.empty(), "a CSV error says nothing");
        return;
    }
    for (const auto &row : std::get<caredesk::domain::CsvTable>(parsed).rows)
        require(row.line >= 1 && !row.fields.empty(), "a CSV row without a line or fields");
}

// A body that validated as T must survive T's encoder and decoder unchanged.
template <class T>
void checkTypedRoundTrip(const Envelope &envelope) {
    const auto message = decodeBody<T>(envelope.body);
    require(message.ok(), "validateBody and decodeBody disagree");
    const auto frame = decodeEnvelope(encode(*message, envelope.id, envelope.seq), kNoLimit);
    require(frame.ok(), "an encoded message does not decode");
    const auto again = decodeBody<T>(frame->body);
    require(again.ok(), "an encoded message body does not decode");
    require(*again == *message, "a message changed in a round trip");
}

void checkTypedRoundTrip(MessageType type, const Envelope &envelope) {
    switch (type) {
#define CAREDESK_X(enumerator, name)                                                               \
    case MessageType::enumerator:                                                                  \
        checkTypedRoundTrip<enumerator>(envelope);                                                 \
        return;
        CAREDESK_MESSAGE_TYPES(CAREDESK_X)
#undef CAREDESK_X
    }
    require(false, "a decoded type is not in the message list");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    std::string id;
    const auto envelope = decodeEnvelope(text, kMaxMessageBytes, &id);
    if (!envelope) {
        checkErrorReply(envelope.error(), id);
        return 0;
    }
    require(id == envelope->id, "idOut differs from the decoded id");

    const auto bodyError = validateBody(envelope->type, envelope->body);

    const std::string reencoded =
        encodeEnvelope(envelope->type, envelope->body, envelope->id, envelope->seq);
    // Re-encoding may lengthen numbers (1e3 becomes 1000.0), so no size limit here.
    const auto again = decodeEnvelope(reencoded, kNoLimit);
    require(again.ok(), "a decoded frame does not decode after encoding");
    require(again->type == envelope->type, "type changed in a round trip");
    require(again->id == envelope->id, "id changed in a round trip");
    require(again->seq == envelope->seq, "seq changed in a round trip");
    require(again->body == envelope->body, "body changed in a round trip");
    require(validateBody(again->type, again->body) == bodyError,
            "body validity changed in a round trip");

    if (bodyError)
        checkErrorReply(*bodyError, envelope->id);
    else
        checkTypedRoundTrip(envelope->type, *envelope);
    if (!bodyError && envelope->type == MessageType::ImportCaregivers)
        checkImportCsv(*envelope);
    return 0;
}
