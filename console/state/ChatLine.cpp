#include "state/ChatLine.h"

#include "state/ProtocolText.h"
#include "protocol/Messages.h"

namespace caredesk::console {

ChatLine ChatLine::fromProtocol(const protocol::ChatEntry &entry) {
    ChatLine line;
    line.seq = entry.seq;
    line.clientMessageId = fromStd(entry.clientMessageId);
    // The codec accepts only the names below.
    line.kind = entry.kind == "note" ? Kind::Note : entry.kind == "system" ? Kind::System : Kind::Text;
    line.sender = entry.sender == "caregiver" ? Sender::Caregiver
                  : entry.sender == "system"  ? Sender::System
                                              : Sender::Patient;
    line.senderId = entry.senderId;
    if (entry.senderName)
        line.senderName = fromStd(*entry.senderName);
    line.body = fromStd(entry.body);
    line.sentAtMs = entry.sentAt;
    line.delivery = Delivery::Delivered;
    return line;
}

const char *ChatLine::kindName(Kind kind) {
    switch (kind) {
    case Kind::Note:
        return "note";
    case Kind::System:
        return "system";
    case Kind::Text:
        break;
    }
    return "text";
}

} // namespace caredesk::console
