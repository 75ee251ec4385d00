#pragma once

#include <QStyledItemDelegate>

class QListView;

namespace caredesk::console {

struct ChatLine;

// Paints chat lines as a conversation: the patient's messages on the left,
// the care team's on the right, internal notes across the width in amber and
// labelled as seen by caregivers only, the server's lifecycle messages
// centred and quiet. Bodies are laid out as plain text, never as markup;
// long words wrap anywhere rather than run off the edge.
class ChatMessageDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    // view: the list it paints for (its width decides the wrapping).
    explicit ChatMessageDelegate(QListView *view);

    // Whose messages read as "You".
    void setCaregiverId(qint64 caregiverId) { m_caregiverId = caregiverId; }
    // What the patient's messages are signed with (their first name).
    void setPatientName(const QString &name) { m_patientName = name; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The footer text under a line ("Sending…", "Seen", why it failed), for tests.
    static QString footerText(const ChatLine &line, bool seen);

private:
    struct Geometry;
    Geometry layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    QString senderText(const ChatLine &line) const;

    QListView *m_view;
    qint64 m_caregiverId = 0;
    QString m_patientName;
};

} // namespace caredesk::console
