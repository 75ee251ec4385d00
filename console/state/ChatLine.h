#pragma once

#include <QMetaType>
#include <QString>
#include <optional>

namespace caredesk::protocol {
struct ChatEntry;
}

namespace caredesk::console {

// One line of a chat thread as the console shows it: a message the server
// stored (with its seq), or one of ours on its way there.
struct ChatLine {
    enum class Kind { Text, Note, System };
    enum class Sender { Patient, Caregiver, System };
    enum class Delivery {
        Delivered, // stored by the server: it has a seq
        Sending,   // sent, or waiting for the link to send it again
        Failed,    // refused for good; the person may edit and send it again
    };

    qint64 seq = 0; // 0 until delivered
    QString clientMessageId;
    Kind kind = Kind::Text;
    Sender sender = Sender::Patient;
    std::optional<qint64> senderId;
    QString senderName;
    QString body; // plain text, always shown as text
    qint64 sentAtMs = 0; // server clock; for a line not yet delivered, when it was written
    Delivery delivery = Delivery::Delivered;
    QString failure; // why a Failed line was refused, in words

    bool isDelivered() const { return delivery == Delivery::Delivered; }
    bool operator==(const ChatLine &) const = default;

    static ChatLine fromProtocol(const protocol::ChatEntry &entry);
    // The wire names of the kinds a caregiver may send.
    static const char *kindName(Kind kind);
};

} // namespace caredesk::console

Q_DECLARE_METATYPE(caredesk::console::ChatLine)
