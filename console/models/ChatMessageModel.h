#pragma once

#include <QAbstractListModel>

namespace caredesk::console {

class ChatConversation;

// The lines of one chat thread as a list, oldest first, for ChatMessageDelegate.
// DisplayRole reads as a person would say it ("Ann, 10:42: Is it much
// longer?"), which is also what screen readers get.
class ChatMessageModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        LineRole = Qt::UserRole + 1, // ChatLine
        SeqRole,                     // qint64, 0 until delivered
        ClientMessageIdRole,         // QString
        // bool: the newest of the team's messages the patient has read ("Seen").
        SeenByPatientRole,
        // bool: the first line of a new day, so the view shows the date above it.
        NewDayRole,
    };
    Q_ENUM(Role)

    explicit ChatMessageModel(ChatConversation &conversation, QObject *parent = nullptr);

    ChatConversation &conversation() const { return m_conversation; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    ChatConversation &m_conversation;
    qint64 m_patientRead = 0;
};

} // namespace caredesk::console
